// Lint: Next's rules (React, hooks, accessibility, Core Web Vitals), typescript-eslint's recommended
// rules, and the house's layers (docs/adr/018-lint-and-layers.md):
//   server/domain  imports only server/domain (and libraries such as zod): pure rules, testable alone;
//   components     may share server/domain's schemas and rules, never services, db, http or realtime;
//   nothing imports app/ (routes compose; they are not a library);
//   and no import cycles anywhere.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const SERVER_ONLY = ["./server/services", "./server/db", "./server/http", "./server/realtime", "./server/runtime.ts"];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "server/db/generated/**",
    "bench/.app-*/**",
    "dist/**",
    "data/**",
    "test-data/**",
    "reports/**",
    "test-results/**",
    "next-env.d.ts",
  ]),
  {
    settings: {
      "import/resolver": { typescript: { project: "./tsconfig.json" }, node: true },
      // Cycles and layers are about our code: never parse libraries (pglite's bundle overflows the parser).
      "import/ignore": ["node_modules"],
    },
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./server/domain",
              from: ["./server", "./components", "./app", "./prisma", "./bench", "./tests", "./e2e"],
              except: ["./domain"],
              message: "server/domain is pure: it imports only itself and libraries (STYLE.md).",
            },
            {
              target: "./components",
              from: SERVER_ONLY,
              message: "Components may use server/domain's schemas and rules, never services, db, http or realtime.",
            },
            {
              target: ["./server", "./components", "./prisma", "./bench", "./tests", "./e2e"],
              from: "./app",
              message: "Nothing imports app/: routes compose the layers below them.",
            },
          ],
        },
      ],
      "import/no-cycle": ["error", { ignoreExternal: true }],
      // Unused names are mistakes; a leading underscore marks one kept on purpose (a destructured rest).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/no-unused-expressions": "error",
    },
  },
  {
    // Integration tests read API answers as plain JSON and check them field by field against what a
    // user would see; typing every answer would restate the DTOs without checking them. App code keeps
    // the rule.
    files: ["tests/**", "e2e/**", "bench/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
]);
