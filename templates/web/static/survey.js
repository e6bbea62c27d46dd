// The survey pages work without this script (a "Save my answers" button; reload to see new answers).
// With it: each answer and note is saved as it is given, and the facilitator's report follows the
// answers as they come in.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-save]");
  if (form) {
    const counter = document.getElementById("answered");
    const state = new Map();  // fieldset → {timer, busy, again, saved: the last text the server took}
    const fields = (fieldset) => {
      const id = fieldset.dataset.statement;
      const checked = fieldset.querySelector(`input[name="answer.${id}"]:checked`);
      const note = fieldset.querySelector("textarea");
      return { statement: id, answer: checked ? checked.value : "", note: note ? note.value : "" };
    };
    const stateOf = (fieldset) => {
      if (!state.has(fieldset)) state.set(fieldset, { saved: JSON.stringify(fields(fieldset)) });
      return state.get(fieldset);
    };
    const show = (fieldset, text, failed) => {
      const status = fieldset.querySelector("[data-status]");
      status.textContent = text;
      status.classList.toggle("error", Boolean(failed));
    };
    const send = (body, keepalive) => fetch(form.dataset.save, { method: "POST", body: new URLSearchParams(body), keepalive });
    const save = async (fieldset) => {
      const mine = stateOf(fieldset);
      clearTimeout(mine.timer);
      mine.timer = null;
      if (mine.busy) { mine.again = true; return; }  // one save at a time per statement, the newest last
      const body = fields(fieldset);
      const text = JSON.stringify(body);
      if (text === mine.saved) { show(fieldset, "Saved"); return; }
      mine.busy = true;
      show(fieldset, "Saving…");
      try {
        const response = await send(body, false);
        const json = response.headers.get("content-type")?.startsWith("application/json");
        const result = json ? await response.json() : { error: `the server answered ${response.status}; try again in a moment` };
        if (response.ok) {
          mine.saved = text;
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
      const mine = stateOf(fieldset);
      clearTimeout(mine.timer);
      mine.timer = setTimeout(() => save(fieldset), 700);
      show(fieldset, "Typing…");
    };
    for (const fieldset of form.querySelectorAll("fieldset[data-statement]")) {
      stateOf(fieldset);  // what the page was served with counts as saved
      fieldset.addEventListener("change", (event) => {
        if (event.target.type === "radio") save(fieldset);
      });
      const note = fieldset.querySelector("textarea");
      note?.addEventListener("input", () => later(fieldset));
      note?.addEventListener("blur", () => { if (stateOf(fieldset).timer) save(fieldset); });
    }
    // Whatever the server has not yet taken (being typed, waiting behind a save, or refused by a
    // busy server) is sent on the way out; keepalive lets the request outlive the page.
    window.addEventListener("pagehide", () => {
      for (const [fieldset, mine] of state) {
        const body = fields(fieldset);
        if (JSON.stringify(body) !== mine.saved) send(body, true).catch(() => {});
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
