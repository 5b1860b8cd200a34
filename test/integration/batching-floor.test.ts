/** Every registered vendor meets the directory floor its module declares (suites/directory-batching.ts). */
import { vendors } from "../../src/vendors/registry.js";
import { directoryBatchingSuite } from "../support/suites/directory-batching.js";

directoryBatchingSuite(vendors);
