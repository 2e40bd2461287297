// A Node-only project: no DOM lib (and no @types/node). Only the validation API is used.
import { validate } from "workspace-requests";

export const ok: boolean = validate("databrain.createWorkspace", { name: "W", connectionType: "MULTI_DATASOURCE" }).ok;
