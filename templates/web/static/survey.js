// The survey pages work without this script (a "Save my answers" button; reload to see new answers).
// With it: each answer and note is saved as it is given, and the facilitator's report follows the
// answers as they come in.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-save]");
  if (form) {
    const counter = document.getElementById("answered");
    const state = new Map();  // statement id → {timer, busy, again}
    const fields = (fieldset) => {
      const id = fieldset.dataset.statement;
      const checked = fieldset.querySelector(`input[name="answer.${id}"]:checked`);
      const note = fieldset.querySelector("textarea");
      return { id, answer: checked ? checked.value : "", note: note ? note.value : "" };
    };
    const show = (fieldset, text, failed) => {
      const status = fieldset.querySelector("[data-status]");
      status.textContent = text;
      status.classList.toggle("error", Boolean(failed));
    };
    const save = async (fieldset) => {
      const mine = state.get(fieldset) || {};
      state.set(fieldset, mine);
      clearTimeout(mine.timer);
      mine.timer = null;
      if (mine.busy) { mine.again = true; return; }  // one save at a time per statement, the newest last
      const { id, answer, note } = fields(fieldset);
      if (!answer && !note.trim()) return;
      mine.busy = true;
      show(fieldset, "Saving…");
      try {
        const body = new URLSearchParams({ statement: id, answer, note });
        const response = await fetch(form.dataset.save, { method: "POST", body });
        const result = await response.json();
        if (response.ok) {
          show(fieldset, `Saved ${result.saved}`);
          if (counter) counter.textContent = result.answered;
        } else {
          show(fieldset, `Not saved: ${result.error}`, true);
        }
      } catch {
        show(fieldset, "Not saved: the server is out of reach. Your answer is still on this page; try again.", true);
      } finally {
        mine.busy = false;
        if (mine.again) { mine.again = false; save(fieldset); }
      }
    };
    const later = (fieldset) => {
      const mine = state.get(fieldset) || {};
      state.set(fieldset, mine);
      clearTimeout(mine.timer);
      mine.timer = setTimeout(() => save(fieldset), 700);
      show(fieldset, "Typing…");
    };
    for (const fieldset of form.querySelectorAll("fieldset[data-statement]")) {
      fieldset.addEventListener("change", (event) => {
        if (event.target.type === "radio") save(fieldset);
      });
      const note = fieldset.querySelector("textarea");
      note?.addEventListener("input", () => later(fieldset));
      note?.addEventListener("blur", () => { if (state.get(fieldset)?.timer) save(fieldset); });
    }
    // A note still being typed when the page is closed: sent on the way out.
    window.addEventListener("pagehide", () => {
      for (const [fieldset, mine] of state) {
        if (!mine.timer) continue;
        const { id, answer, note } = fields(fieldset);
        navigator.sendBeacon(form.dataset.save, new URLSearchParams({ statement: id, answer, note }));
      }
    });
  }
  const live = document.querySelector("[data-poll]");
  if (live) {
    const button = document.querySelector("form[action='/wizard/profile'] button");
    const refresh = async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const response = await fetch(live.dataset.poll, { cache: "no-store" });
        if (response.ok && response.headers.get("content-type")?.startsWith("text/html")) {
          live.innerHTML = await response.text();  // server-rendered, every value escaped
          if (button && live.querySelector(".verdict")) button.disabled = false;
        }
      } catch {
        // Out of reach: the report keeps its last state until the next try.
      }
    };
    setInterval(refresh, 4000);
  }
});
