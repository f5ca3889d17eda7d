-- CreateTable
CREATE TABLE "sign_in_limits" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMP(3),

    CONSTRAINT "sign_in_limits_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "sign_in_limits_expire_idx" ON "sign_in_limits"("expire");
