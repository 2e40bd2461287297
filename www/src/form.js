// A form generated from `describe(endpoint).body`: one control per field, chosen by the field's
// type (enums and datasource types as selects, booleans as switches, secrets as password inputs,
// objects as fieldsets, arrays as lists). The form edits a plain body object through `onEdit`;
// it never validates: the page does that with the package and places each finding next to the
// element whose `data-path` is the finding's path (or its nearest ancestor).

import * as pointer from "./pointer.js";
import { el } from "./dom.js";

/** The title of the "unconfirmed" badge. */
const UNCONFIRMED =
  "The public docs do not confirm this key's name: the API may expect another one, so problems with it are warnings.";

/**
 * Renders `object` (an ObjectDescription) for `body` into `root`.
 * `onEdit(path, value, structural)`: set (or, with `undefined`, remove) the value at `path`;
 * `structural` when the set of controls changes (a new variant, an added item), so the page
 * renders the form again.
 */
export function renderForm(root, object, body, onEdit) {
  const ctx = { onEdit, ids: 0 };
  root.replaceChildren(objectBody(object, isObject(body) ? body : {}, "", ctx));
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);


/** The fields in force for an object's value: describe() gives each variant's (`fieldsInForce`). */
export function effectiveFields(object, value) {
  if (!object.union) return { fields: object.fields, variant: null };
  const tag = isObject(value) ? value[object.union.tag] : undefined;
  const variant = object.union.variants.find((v) => v.value === tag) ?? null;
  return variant ? { fields: variant.fieldsInForce, variant } : { fields: object.fields, variant: null };
}

/**
 * The object after its union tag changes to `tag`: in each object field, keys the old variant
 * defined and the new one does not are dropped (so switching from SharePoint to ServiceNow does
 * not leave `client_id` behind); keys the user added themselves stay.
 */
export function switchVariant(object, value, tag) {
  const before = effectiveFields(object, value);
  // A new tag goes first, where the docs' examples put it.
  const name = object.union.tag;
  const next = Object.hasOwn(value, name) ? { ...value, [name]: tag } : { [name]: tag, ...value };
  const after = effectiveFields(object, next);
  for (const field of after.fields) {
    const old = before.fields.find((f) => f.name === field.name);
    const inner = next[field.name];
    if (!old || old === field || !isObject(inner) || field.type.kind !== "object" || old.type.kind !== "object") continue;
    const keep = new Set(field.type.object.fields.map((f) => f.name));
    const known = new Set(old.type.object.fields.map((f) => f.name));
    next[field.name] = Object.fromEntries(Object.entries(inner).filter(([k]) => keep.has(k) || !known.has(k)));
  }
  return next;
}

/**
 * The body with every required object that is missing added as `{}`, recursively (in the variant
 * in force): a form shows such an object's fields, so it sends the object. Returns `value`, changed.
 */
export function withRequiredObjects(object, value) {
  if (!isObject(value)) return value;
  for (const field of effectiveFields(object, value).fields) {
    if (field.type.kind !== "object") continue;
    if (value[field.name] === undefined && field.required === "required") value[field.name] = {};
    withRequiredObjects(field.type.object, value[field.name]);
  }
  return value;
}

/** The fieldset's content for an object value at `path`: its fields, rules and other keys. */
function objectBody(object, value, path, ctx) {
  const { fields, variant } = effectiveFields(object, value);
  const hints = ruleHints(object);
  const box = el("div", { class: "fields" });
  if (!object.documented) {
    box.append(
      el("p", {
        class: "note",
        text: 'The public docs do not list every key of this object. Keys they do not confirm are marked "unconfirmed"; keys you add are sent as they are, and a near miss of a known key (a typo) is a warning.',
      }),
    );
  }
  if (variant && object.union) box.dataset.variant = variant.value;
  const shown = new Set();
  for (const field of fields) {
    if (field.required === "forbidden") continue;
    shown.add(field.name);
    const isTag = object.union && field.name === object.union.tag;
    box.append(fieldElement(field, value[field.name], pointer.child(path, field.name), ctx, hints.get(field.name), isTag ? object : null, value));
  }
  const extra = Object.keys(value).filter((k) => !shown.has(k) && value[k] !== undefined);
  if (extra.length || !object.closesInStrictMode) box.append(otherKeys(object, value, extra, path, fields, ctx));
  return box;
}

function ruleHints(object) {
  const hints = new Map();
  for (const rule of object.rules) {
    for (const name of rule.fields) {
      const list = hints.get(name) ?? [];
      list.push(rule.level === "warning" ? `${rule.doc} (a warning)` : rule.doc);
      hints.set(name, list);
    }
  }
  return hints;
}

function badges(field) {
  const out = [];
  if (field.required === "required") out.push(el("span", { class: "badge required", text: "required" }));
  if (field.required === "expected")
    out.push(el("span", { class: "badge expected", text: "expected", title: "The docs' examples always send it; leaving it out is a warning." }));
  if (!field.confirmed) out.push(el("span", { class: "badge unconfirmed", text: "unconfirmed", title: UNCONFIRMED }));
  if (field.secret) out.push(el("span", { class: "badge secret", text: "secret", title: "Never shown in previews, curl commands or messages unless revealed." }));
  return out;
}

function fieldElement(field, value, path, ctx, hints, unionOwner, ownerValue) {
  const id = `f${++ctx.ids}`;
  const kind = field.type.kind;
  const wrapper = el(kind === "object" ? "fieldset" : "div", { class: `field kind-${kind}`, "data-path": path, "data-field": field.name });
  const label =
    kind === "object"
      ? el("legend", {}, el("span", { class: "name", text: field.name }), ...badges(field))
      : el("div", { class: "field-head" }, el("label", { for: id, class: "name", text: field.name }), ...badges(field));
  wrapper.append(label);
  if (field.doc) wrapper.append(el("p", { class: "doc", id: `${id}-doc`, text: field.doc }));
  for (const hint of hints ?? []) wrapper.append(el("p", { class: "doc rule", text: hint }));
  if (field.default !== undefined && kind !== "boolean") wrapper.append(el("p", { class: "doc", text: `Default when left out: ${JSON.stringify(field.default)}.` }));
  const issues = el("ul", { class: "field-issues", id: `${id}-issues` });
  const control = unionOwner
    ? tagControl(unionOwner, ownerValue, value, path, id, ctx, field.required === "required")
    : typeControl(field.type, value, path, id, ctx, field);
  // An object's own findings (a wrong type, an unknown key) go above its fields.
  if (kind === "object") wrapper.append(issues, control);
  else wrapper.append(control, issues);
  const input = wrapper.querySelector("input, select, textarea");
  if (input && input.id === id) input.setAttribute("aria-describedby", `${id}-doc ${id}-issues`);
  return wrapper;
}

function tagControl(object, objectValue, value, path, id, ctx, required) {
  const objectPath = pointer.parent(path);
  const select = el("select", {
    id,
    onchange: () => ctx.onEdit(objectPath, switchVariant(object, objectValue, select.value || undefined), true),
  });
  select.append(el("option", { value: "", text: required ? "Choose a type…" : "(not set)" }));
  for (const v of object.union.variants) select.append(el("option", { value: v.value, text: `${v.doc} (${v.value})` }));
  addStray(select, value);
  return select;
}

/** An option for a value the select does not list (pasted in JSON mode), so the form shows it. */
function addStray(select, value) {
  if (value === undefined) {
    select.value = "";
    return;
  }
  const known = [...select.options].some((o) => o.value === value && o.value !== "");
  if (!known) select.append(el("option", { value: typeof value === "string" ? value : JSON.stringify(value), text: `${JSON.stringify(value)} (not allowed)` }));
  select.value = typeof value === "string" ? value : JSON.stringify(value);
}

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** Text typed in a number field: a number when it reads as one, else the text (an invalid_type to report). */
function numberFrom(text) {
  const t = text.trim();
  if (t === "") return undefined;
  return NUMBER.test(t) ? Number(t) : text;
}

const shownText = (v) => (v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v));

function typeControl(type, value, path, id, ctx, field) {
  // An emptied list element stays in the list (as ""), where leaving out would remove it.
  const edit = (v, structural = false) => ctx.onEdit(path, v === undefined && field?.item ? "" : v, structural);
  switch (type.kind) {
    case "enum": {
      const select = el("select", { id, onchange: () => edit(select.value === "" ? undefined : select.value) });
      select.append(el("option", { value: "", text: field?.required === "required" ? "Choose…" : "(not set)" }));
      for (const v of type.values) select.append(el("option", { value: v.value, text: v.value, title: v.doc || undefined }));
      addStray(select, value);
      const doc = el("p", { class: "doc choice" });
      const explain = () => (doc.textContent = type.values.find((v) => v.value === select.value)?.doc ?? "");
      select.addEventListener("change", explain);
      explain();
      return el("div", { class: "control" }, select, doc);
    }
    case "boolean":
      return booleanControl(value, id, edit, field);
    case "integer":
    case "port": {
      const input = el("input", {
        id,
        type: "text",
        inputmode: "numeric",
        autocomplete: "off",
        placeholder: type.kind === "port" ? `${type.minimum}–${type.maximum}` : `≥ ${type.minimum}`,
        value: shownText(value),
        oninput: () => edit(numberFrom(input.value)),
      });
      return input;
    }
    case "jsonObjectString":
    case "any": {
      const area = el("textarea", {
        id,
        rows: 4,
        spellcheck: false,
        autocomplete: "off",
        class: field?.secret ? "mono masked" : "mono",
        placeholder: type.kind === "any" ? "any JSON value" : '{"type": "service_account", ...}',
        value: shownText(value),
        oninput: () => {
          if (area.value.trim() === "") return edit(undefined);
          if (type.kind === "jsonObjectString") return edit(area.value);
          try {
            edit(JSON.parse(area.value));
          } catch {
            edit(area.value);
          }
        },
      });
      if (!field?.secret) return area;
      return el("div", { class: "control row" }, area, revealButton((shown) => area.classList.toggle("masked", !shown)));
    }
    case "array":
      return arrayControl(type, value, path, id, ctx);
    case "object":
      return objectControl(type.object, value, path, ctx, field);
    case "nullable": {
      const inner = typeControl(type.inner, value === null ? undefined : value, path, id, ctx, field);
      const input = inner.matches("input, textarea, select") ? inner : inner.querySelector("input, textarea, select");
      const toggle = el("input", {
        type: "checkbox",
        checked: value === null,
        onchange: () => {
          input.disabled = toggle.checked;
          edit(toggle.checked ? null : undefined);
          if (!toggle.checked) input.dispatchEvent(new Event(input.tagName === "SELECT" ? "change" : "input"));
        },
      });
      if (input) input.disabled = value === null;
      return el("div", { class: "control nullable" }, inner, el("label", { class: "inline" }, toggle, " null"));
    }
    default: {
      // "string" (and "tag" outside a union, which never happens in the schemas).
      const input = el("input", {
        id,
        type: field?.secret ? "password" : "text",
        autocomplete: field?.secret ? "new-password" : "off",
        spellcheck: false,
        value: shownText(value),
        oninput: () => edit(input.value === "" ? undefined : input.value),
      });
      if (!field?.secret && type.maxLength === undefined) return input;
      const parts = [input];
      if (type.maxLength !== undefined) {
        const counter = el("span", { class: "counter" });
        const count = () => (counter.textContent = `${[...input.value].length}/${type.maxLength}`);
        input.addEventListener("input", count);
        count();
        parts.push(counter);
      }
      if (field?.secret) parts.push(revealButton((shown) => (input.type = shown ? "text" : "password")));
      return el("div", { class: "control row" }, ...parts);
    }
  }
}

/** A button that shows or hides a secret value in the form (never in previews: see "Reveal secrets"). */
function revealButton(apply) {
  let shown = false;
  const button = el("button", {
    type: "button",
    class: "ghost small reveal-field",
    text: "Show",
    "aria-pressed": "false",
    onclick: () => {
      shown = !shown;
      apply(shown);
      button.textContent = shown ? "Hide" : "Show";
      button.setAttribute("aria-pressed", String(shown));
    },
  });
  return button;
}

function booleanControl(value, id, edit, field) {
  const optional = field?.required !== "required";
  const input = el("input", { id, type: "checkbox", role: "switch", class: "switch", checked: value === true });
  const state = el("span", { class: "state" });
  const clear = el("button", { type: "button", class: "ghost small", text: "Leave out", title: "Do not send this key" });
  const show = (v) => {
    input.indeterminate = typeof v !== "boolean";
    input.checked = v === true;
    state.textContent =
      v === undefined
        ? `not sent${field?.default !== undefined ? ` (the API assumes ${JSON.stringify(field.default)})` : ""}`
        : typeof v === "boolean"
          ? String(v)
          : `${JSON.stringify(v)} (not a boolean)`;
    clear.hidden = !optional || v === undefined;
  };
  input.addEventListener("change", () => {
    edit(input.checked);
    show(input.checked);
  });
  clear.addEventListener("click", () => {
    edit(undefined);
    show(undefined);
  });
  show(value);
  return el("div", { class: "control row switch-row" }, input, state, clear);
}

function arrayControl(type, value, path, id, ctx) {
  const list = el("div", { class: "array", id });
  const items = Array.isArray(value) ? value : [];
  items.forEach((item, i) => {
    const itemPath = pointer.child(path, i);
    const remove = el("button", {
      type: "button",
      class: "ghost small",
      text: "Remove",
      "aria-label": `Remove item ${i}`,
      onclick: () => ctx.onEdit(itemPath, undefined, true),
    });
    const inner =
      type.items.kind === "object"
        ? objectBody(type.items.object, isObject(item) ? item : {}, itemPath, ctx)
        : typeControl(type.items, item, itemPath, `${id}-${i}`, ctx, { item: true, required: "required" });
    list.append(el("div", { class: "item", "data-path": itemPath }, el("span", { class: "index", text: `${i}` }), inner, remove, el("ul", { class: "field-issues" })));
  });
  const blank = type.items.kind === "object" ? {} : type.items.kind === "string" ? "" : null;
  const buttons = el(
    "div",
    { class: "row" },
    el("button", { type: "button", class: "ghost small", text: "Add item", onclick: () => ctx.onEdit(path, [...items, blank], true) }),
  );
  if (value !== undefined) {
    buttons.append(el("button", { type: "button", class: "ghost small", text: "Leave out", onclick: () => ctx.onEdit(path, undefined, true) }));
  }
  if (value !== undefined && !Array.isArray(value)) {
    list.append(el("p", { class: "doc", text: `Holds ${JSON.stringify(value)}, not a list.` }));
  }
  list.append(buttons);
  return list;
}

function objectControl(object, value, path, ctx, field) {
  if (value === undefined && field?.required !== "required") {
    return el(
      "div",
      { class: "row" },
      el("span", { class: "doc", text: "Not sent." }),
      el("button", { type: "button", class: "ghost small", text: `Add ${field?.name ?? "object"}`, onclick: () => ctx.onEdit(path, {}, true) }),
    );
  }
  const box = el("div", { class: "object" });
  if (object.doc && object.doc !== field?.doc) box.append(el("p", { class: "doc", text: object.doc }));
  if (value !== undefined && !isObject(value)) {
    box.append(el("p", { class: "doc", text: `Holds ${JSON.stringify(value)}, not an object.` }));
  }
  box.append(objectBody(object, isObject(value) ? value : {}, path, ctx));
  if (field?.required !== "required") {
    box.append(el("button", { type: "button", class: "ghost small", text: `Leave out ${field?.name ?? ""}`.trim(), onclick: () => ctx.onEdit(path, undefined, true) }));
  }
  return box;
}

/** Keys the fields do not cover: pasted ones (with their issues), and for open objects, a way to add one. */
function otherKeys(object, value, extra, path, fields, ctx) {
  const box = el("div", { class: "other" });
  box.append(
    el("p", {
      class: "doc",
      text: object.closesInStrictMode ? "Other keys (the docs define none: each is a warning, an issue in strict mode):" : "Other keys, sent as they are:",
    }),
  );
  for (const key of extra) {
    const keyPath = pointer.child(path, key);
    const current = value[key];
    const isText = typeof current === "string";
    const input = el("input", {
      type: "text",
      spellcheck: false,
      autocomplete: "off",
      "aria-label": `Value of ${key}`,
      value: shownText(current),
      oninput: () => {
        if (isText) return ctx.onEdit(keyPath, input.value);
        try {
          ctx.onEdit(keyPath, JSON.parse(input.value));
        } catch {
          ctx.onEdit(keyPath, input.value);
        }
      },
    });
    box.append(
      el(
        "div",
        { class: "field extra", "data-path": keyPath },
        el("div", { class: "row" }, el("code", { class: "name", text: key }), input, el("button", { type: "button", class: "ghost small", text: "Remove", onclick: () => ctx.onEdit(keyPath, undefined, true) })),
        el("ul", { class: "field-issues" }),
      ),
    );
  }
  if (!object.closesInStrictMode) {
    const name = el("input", { type: "text", placeholder: "key", "aria-label": "New key", spellcheck: false, autocomplete: "off" });
    const add = () => {
      const key = name.value.trim();
      if (key === "" || Object.hasOwn(value, key)) return;
      const listed = fields.some((f) => f.name === key);
      ctx.onEdit(pointer.child(path, key), listed ? undefined : "", true);
    };
    name.addEventListener("keydown", (e) => e.key === "Enter" && (e.preventDefault(), add()));
    box.append(el("div", { class: "row add-key" }, name, el("button", { type: "button", class: "ghost small", text: "Add key", onclick: add })));
  }
  return box;
}
