import { describe, expect, it } from "vitest";
import { createGate } from "@/lib/auth/sign-in-gate";

describe("createGate", () => {
  it("admits up to its capacity, refuses the next at once, and frees a slot once per release", () => {
    const gate = createGate(2);
    const a = gate.tryEnter();
    const b = gate.tryEnter();
    expect(a && b).toBeTruthy();
    expect(gate.isFull).toBe(true);
    expect(gate.tryEnter()).toBeNull();
    a!();
    a!(); // a second release of the same slot frees nothing more
    expect(gate.inFlight).toBe(1);
    const c = gate.tryEnter();
    expect(c).not.toBeNull();
    expect(gate.tryEnter()).toBeNull();
    b!();
    c!();
    expect(gate.inFlight).toBe(0);
  });
});
