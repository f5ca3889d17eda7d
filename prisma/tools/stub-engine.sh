#!/bin/sh
# Stand-in for Prisma's native schema engine where it cannot be downloaded. `prisma generate`,
# `validate` and `format` only check that this file exists; migrations go through prisma/tools/migrate.ts.
echo "native schema engine not available here: use npm run db:migrate:create (WebAssembly engine)" >&2
exit 1
