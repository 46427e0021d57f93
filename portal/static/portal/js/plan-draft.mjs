// Plan writing that survives a lost signal. While the family types, the draft is kept in this
// phone's localStorage; after a reload, a dropped connection or signing in again it comes back
// and can be sent. The server stays the record: once a page says it has the plan (the "saved" or
// "sent" banner), on signing out, and on "leave this page quickly", the phone forgets every draft.
// Without JavaScript, or without storage, the form is a plain form post.

const PREFIX = "fgdm-plan-draft:";

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // storage switched off, or a private window that refuses it
  }
}

function forgetDrafts() {
  const store = storage();
  if (!store) return;
  for (let index = store.length - 1; index >= 0; index -= 1) {
    const key = store.key(index);
    if (key && key.startsWith(PREFIX)) store.removeItem(key);
  }
}

function typedFields(form) {
  return Array.from(form.querySelectorAll("textarea[name], input[name]")).filter(
    (field) => field.type === "text" || field.tagName === "TEXTAREA",
  );
}

function keepDraft(form) {
  const store = storage();
  if (!store) return;
  const key = PREFIX + form.dataset.planDraft;
  const base = form.dataset.planDraftBase || "";
  const fields = typedFields(form);

  let draft = null;
  try {
    draft = JSON.parse(store.getItem(key) || "null");
  } catch {
    draft = null;
  }
  if (draft && draft.fields) {
    // Written over the same saved version as this page shows: the phone's words are the newer ones.
    // Over an older one (the plan was saved since), fill only what the page leaves empty.
    const sameBase = draft.base === base;
    let restored = false;
    for (const field of fields) {
      const kept = draft.fields[field.name];
      if (typeof kept !== "string" || kept === field.value) continue;
      if (sameBase || field.value.trim() === "") {
        field.value = kept;
        restored = true;
      }
    }
    const notice = document.querySelector("[data-plan-draft-restored]");
    if (restored && notice) notice.hidden = false;
  }

  const save = () => {
    const values = {};
    for (const field of fields) values[field.name] = field.value;
    try {
      store.setItem(key, JSON.stringify({ base, fields: values }));
    } catch {
      // storage full or refused: the form still posts
    }
  };
  form.addEventListener("input", save);
  form.addEventListener("change", save);
}

if (document.querySelector("[data-drafts-done]")) forgetDrafts();

// Capture, so this runs before GOV.UK's "exit this page" script takes over the click.
document.addEventListener(
  "click",
  (event) => {
    if (event.target instanceof Element && event.target.closest("[data-forget-drafts]")) forgetDrafts();
  },
  true,
);
// "Leave this page quickly" by pressing Shift three times hides the page before it goes.
new MutationObserver(() => {
  if (document.body.classList.contains("govuk-exit-this-page-hide-content")) forgetDrafts();
}).observe(document.body, { attributes: true, attributeFilter: ["class"] });

const form = document.querySelector("form[data-plan-draft]");
if (form) keepDraft(form);
