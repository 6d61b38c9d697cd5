// Picking files: drag and drop or the file input, with the server's type and size checks mirrored
// here so a patient learns at once that a .docx or a 60 MB scan will not be accepted.

import { el, formatBytes } from "./dom.js";

export { DEFAULT_LIMITS } from "./api.js";

export function extensionOf(name) {
  const m = /\.([A-Za-z0-9]+)$/.exec(name || "");
  return m ? m[1].toLowerCase() : "";
}

/** The reason a file would be refused, or null when it looks acceptable. */
export function checkFile(file, limits) {
  const ext = extensionOf(file.name);
  const type = (file.type || "").toLowerCase();
  const typeOk = limits.extensions.includes(ext) && (!type || limits.mimeTypes.includes(type));
  if (!typeOk) {
    return `${file.name}: this file type is not supported. Upload a PDF, a photo (PNG, JPEG or TIFF) or a plain-text file.`;
  }
  if (file.size === 0) return `${file.name}: this file is empty. Check that you picked the right file.`;
  if (file.size > limits.maxUploadBytes) {
    return `${file.name} is ${formatBytes(file.size)}; the limit is ${formatBytes(limits.maxUploadBytes)} per file. Upload a smaller file, or split the document into parts.`;
  }
  return null;
}

/**
 * Wires the drop zone and the input. `onChange(files)` receives the accepted files; refused ones
 * are listed with their reason in `errorsEl`.
 */
export function setupPicker({ zone, input, listEl, errorsEl, button, getLimits }) {
  let accepted = [];

  const render = (refusals) => {
    listEl.replaceChildren(
      ...accepted.map((f, i) =>
        el("li", {}, [
          el("span", { class: "file-name" }, f.name),
          el("span", { class: "hint" }, ` ${formatBytes(f.size)} `),
          el("button", {
            type: "button",
            class: "btn btn-small btn-link",
            "aria-label": `Remove ${f.name}`,
            onclick: () => {
              accepted.splice(i, 1);
              render([]);
            },
          }, "Remove"),
        ]),
      ),
    );
    errorsEl.replaceChildren(...refusals.map((r) => el("p", { class: "error-text" }, r)));
    button.disabled = accepted.length === 0;
  };

  const add = (fileList) => {
    const limits = getLimits();
    const refusals = [];
    for (const f of fileList) {
      const why = checkFile(f, limits);
      if (why) refusals.push(why);
      else if (!accepted.some((a) => a.name === f.name && a.size === f.size)) accepted.push(f);
    }
    render(refusals);
  };

  input.addEventListener("change", () => {
    add(input.files);
    input.value = "";
  });
  for (const type of ["dragenter", "dragover"]) {
    zone.addEventListener(type, (e) => {
      e.preventDefault();
      zone.classList.add("drag-over");
    });
  }
  for (const type of ["dragleave", "drop"]) {
    zone.addEventListener(type, () => zone.classList.remove("drag-over"));
  }
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files) add(e.dataTransfer.files);
  });

  return {
    files: () => accepted.slice(),
    clear() {
      accepted = [];
      render([]);
    },
  };
}
