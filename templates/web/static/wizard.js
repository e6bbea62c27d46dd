// The wizard works without this script. With it: the side panel (pay hints, verdict) follows
// what is typed, choosing an edition updates the preview at once, and a finding's link brings
// the preview into view.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-live]");
  if (form) {
    const target = document.getElementById(form.dataset.liveTarget);
    let timer = null;
    let asked = 0;
    const refresh = async () => {
      const mine = ++asked;
      try {
        const response = await fetch(form.dataset.live, { method: "POST", body: new URLSearchParams(new FormData(form)) });
        const fragment = response.ok || response.status === 422;  // not a 401 or 413 page
        if (mine === asked && fragment && response.headers.get("content-type")?.startsWith("text/html")) {
          target.innerHTML = await response.text();  // server-rendered, every value escaped
        }
      } catch {
        // The server is out of reach: the panel keeps its last state; the buttons still work.
      }
    };
    const later = () => { clearTimeout(timer); timer = setTimeout(refresh, 300); };
    form.addEventListener("input", later);
    form.addEventListener("change", later);
  }
  // A finding's link moves the preview frame to the marked words; on a phone the frame may be
  // further down the page, so it is brought into view too.
  const preview = document.querySelector("iframe[name=preview]");
  for (const link of document.querySelectorAll("a[target=preview]")) {
    link.addEventListener("click", () => preview?.scrollIntoView({ block: "nearest" }));
  }
  for (const radio of document.querySelectorAll("input[data-autosubmit]")) {
    radio.addEventListener("change", () => document.querySelector("[data-autosubmit-button]").click());
  }
});
