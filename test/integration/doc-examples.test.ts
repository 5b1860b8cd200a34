/** Every registered vendor's doc examples through GraphQL (suites/doc-examples.ts). */
import { vendors } from "../../src/vendors/registry.js";
import { docExamplesSuite } from "../support/suites/doc-examples.js";

docExamplesSuite(vendors);
