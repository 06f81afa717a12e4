// Live feedback: save the draft and refresh what is missing 300 ms after the last keystroke.
// The messages come translated from the page (data-msg-*), the panel from the server.
(function () {
  const form = document.getElementById("statement");
  if (!form) return;
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const panel = document.getElementById("panel");
  const status = document.getElementById("status");
  let timer = null;
  let pending = 0;

  function showFieldErrors() {
    const errors = {};
    panel.querySelectorAll("#field-errors li").forEach(function (item) {
      errors[item.dataset.for] = item.textContent;
    });
    form.querySelectorAll("p.error").forEach(function (element) {
      const name = element.id.slice(2);
      const field = document.getElementById("f-" + name);
      const message = errors[name];
      element.textContent = message || "";
      element.hidden = !message;
      if (field) {
        if (message) field.setAttribute("aria-invalid", "true");
        else field.removeAttribute("aria-invalid");
        field.closest(".field").classList.toggle("invalid", Boolean(message));
      }
    });
  }

  async function send() {
    const request = ++pending;
    status.textContent = form.dataset.msgSaving;
    let response;
    try {
      response = await fetch("/drafts/" + form.dataset.draft, {
        method: "POST",
        headers: { "X-CSRF-Token": token },
        body: new FormData(form),
        credentials: "same-origin",
      });
    } catch (error) {
      // The server is not running: keep the page (and the typed text) open.
      if (request === pending) status.textContent = form.dataset.msgOffline;
      return;
    }
    if (request !== pending) return; // a newer request is on its way
    if (response.ok) {
      panel.innerHTML = await response.text();
      showFieldErrors();
      const body = document.getElementById("panel-body");
      // Seen: "Saved."; heard (a screen reader reads the status): what is still missing, too.
      const summary = document.createElement("span");
      summary.className = "visually-hidden";
      summary.textContent = " " + (body ? body.dataset.summary : "");
      status.textContent = form.dataset.msgSaved;
      status.appendChild(summary);
    } else {
      // The server says why (503: the database could not be written); never suggest a reload,
      // which would throw the unsaved text away.
      status.textContent = await response.text();
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(send, 300);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);

  // A link in the list of what is missing takes the cursor to its field.
  panel.addEventListener("click", function (event) {
    const link = event.target.closest("a[data-target]");
    if (!link) return;
    const field = document.getElementById(link.dataset.target);
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
    history.replaceState(null, "", "#" + link.dataset.target);
  });
})();
