// JSON Pointers (RFC 6901) over plain values, and where a pointer's value sits in JSON text.

/** "/a/b~1c" → ["a", "b/c"]; "" → []. */
export function parse(pointer) {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function child(pointer, key) {
  return `${pointer}/${String(key).replace(/~/g, "~0").replace(/\//g, "~1")}`;
}

/** The pointer one level up ("" stays ""). */
export function parent(pointer) {
  const i = pointer.lastIndexOf("/");
  return i <= 0 ? "" : pointer.slice(0, i);
}

export function get(root, pointer) {
  let v = root;
  for (const t of parse(pointer)) {
    if (v === null || typeof v !== "object" || !Object.hasOwn(v, t)) return undefined;
    v = v[t];
  }
  return v;
}

/**
 * Sets (or, with `undefined`, removes) the value at `pointer`, creating the objects on the way.
 * Returns the new root (a new object when `root` was not one).
 */
export function set(root, pointer, value) {
  const tokens = parse(pointer);
  if (tokens.length === 0) return value;
  const top = root !== null && typeof root === "object" ? root : {};
  let v = top;
  for (const t of tokens.slice(0, -1)) {
    if (v[t] === null || typeof v[t] !== "object") v[t] = {};
    v = v[t];
  }
  const last = tokens[tokens.length - 1];
  if (value === undefined) {
    if (Array.isArray(v)) v.splice(Number(last), 1);
    else delete v[last];
  } else {
    v[last] = value;
  }
  return top;
}

/**
 * Where the value at `pointer` is in `text` (JSON that parses): `[start, end]`, or the span of the
 * nearest ancestor that exists (a missing key's object), or null when the text is not JSON.
 */
export function locate(text, pointer) {
  const want = parse(pointer);
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const string = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i));
  };
  // Skips one value from i; returns the span of the value at `want[depth..]` inside it, if found.
  const value = (depth) => {
    ws();
    const start = i;
    const c = text[i];
    let found = null;
    if (c === "{" || c === "[") {
      i++;
      ws();
      let index = 0;
      const close = c === "{" ? "}" : "]";
      while (i < text.length && text[i] !== close) {
        let key = String(index++);
        if (c === "{") {
          key = string();
          ws();
          i++; // ':'
        }
        const inner = depth < want.length && want[depth] === key ? value(depth + 1) : (value(Infinity), null);
        if (inner) found = inner;
        ws();
        if (text[i] === ",") i++;
        ws();
      }
      i++;
    } else if (c === '"') {
      string();
    } else {
      while (i < text.length && !",}] \t\n\r".includes(text[i])) i++;
    }
    if (found) return found;
    return depth !== Infinity && depth <= want.length ? [start, i] : null;
  };
  try {
    return value(0);
  } catch {
    return null;
  }
}
