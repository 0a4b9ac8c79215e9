// What every fault drill gets and gives back.
import type { RunningPortal, ThrowawayServices } from "../lib/throwaway-portal";
import type { TrafficOptions } from "./traffic";

export interface DrillContext {
  services: ThrowawayServices;
  portal: RunningPortal;
  traffic: Omit<TrafficOptions, "tag">;
  /** one signed-in cookie for single probes */
  cookie: string;
  log: (m: string) => void;
}

/** A promise the drill checks, with what it measured. */
export interface Check {
  promise: string;
  measured: string;
  kept: boolean;
}

export interface DrillReport {
  title: string;
  checks: Check[];
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Seconds since `t0`, for the drill's running commentary. */
export const since = (t0: number, t = Date.now()) => `+${((t - t0) / 1000).toFixed(2)} s`;
