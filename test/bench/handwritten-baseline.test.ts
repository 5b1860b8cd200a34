/** Every registered vendor's hand-written baseline matches the gateway (suites/handwritten-baseline.ts). */
import { vendors } from "../../src/vendors/registry.js";
import { handwrittenBaselineSuite } from "../support/suites/handwritten-baseline.js";

handwrittenBaselineSuite(vendors);
