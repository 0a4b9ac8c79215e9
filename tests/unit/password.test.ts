import { describe, expect, it } from "vitest";
import { DUMMY_HASH, hashPassword, verifyPassword } from "@/lib/auth/password";

describe("passwords", () => {
  it("verifies the password that was hashed, and nothing else", async () => {
    const hash = await hashPassword("Correct horse 电池");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("Correct horse 电池", hash)).toBe(true);
    expect(await verifyPassword("correct horse 电池", hash)).toBe(false);
  });

  it("normalises Unicode (NFKC) so full-width input matches", async () => {
    const hash = await hashPassword("Abc123");
    expect(await verifyPassword("Ａｂｃ１２３", hash)).toBe(true);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("refuses missing or malformed hashes, and never matches the dummy hash", async () => {
    expect(await verifyPassword("x", null)).toBe(false);
    expect(await verifyPassword("x", "md5$abc")).toBe(false);
    expect(await verifyPassword("", DUMMY_HASH)).toBe(false);
  });
});
