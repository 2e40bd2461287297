// Building DOM elements in one expression, for the form and the page.

/**
 * `el("input", {id, type: "text", oninput: f}, ...children)`: `class`, `text` and `value` set
 * those; `on*` adds listeners; non-string values are set as properties, strings as attributes;
 * `undefined` and `false` are skipped, and so are null, undefined and false children.
 */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k === "value") e.value = v; // a property: a textarea has no value attribute
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k in e && typeof v !== "string") e[k] = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  e.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return e;
}
