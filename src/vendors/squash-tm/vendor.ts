/** The product name every Squash TM error and record names. */
export const VENDOR = "Squash TM";
