-- CreateTable
CREATE TABLE "resource_spec_substitutes" (
    "specId" UUID NOT NULL,
    "substituteId" UUID NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "resource_spec_substitutes_pkey" PRIMARY KEY ("specId","substituteId")
);

-- CreateIndex
CREATE INDEX "resource_spec_substitutes_substituteId_idx" ON "resource_spec_substitutes"("substituteId");

-- AddForeignKey
ALTER TABLE "resource_spec_substitutes" ADD CONSTRAINT "resource_spec_substitutes_specId_fkey" FOREIGN KEY ("specId") REFERENCES "resource_specs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resource_spec_substitutes" ADD CONSTRAINT "resource_spec_substitutes_substituteId_fkey" FOREIGN KEY ("substituteId") REFERENCES "resource_specs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
