// A CommonJS TypeScript consumer of `workspace-requests/validate` (validator/index.d.cts).
import wr = require("workspace-requests/validate");

const result: wr.ValidationResult = wr.validate("paradigm.updateWorkspace", { name: "Legal" });
const ready: Promise<void> = wr.default();

// @ts-expect-error TS2339 the request builder is not part of this entry
const build = wr.buildRequest;

export = { result, ready, build };
