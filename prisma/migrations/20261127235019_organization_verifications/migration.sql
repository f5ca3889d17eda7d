-- CreateTable
CREATE TABLE "organization_verifications" (
    "organizationId" UUID NOT NULL,
    "boardId" UUID NOT NULL,
    "verifiedById" UUID,
    "verifiedAt" TIMESTAMP(3) NOT NULL,
    "note" TEXT,

    CONSTRAINT "organization_verifications_pkey" PRIMARY KEY ("organizationId","boardId")
);

-- CreateIndex
CREATE INDEX "organization_verifications_boardId_idx" ON "organization_verifications"("boardId");

-- AddForeignKey
ALTER TABLE "organization_verifications" ADD CONSTRAINT "organization_verifications_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organization_verifications" ADD CONSTRAINT "organization_verifications_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "boards"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organization_verifications" ADD CONSTRAINT "organization_verifications_verifiedById_fkey" FOREIGN KEY ("verifiedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
