// Live feedback: save the draft and refresh the findings 300 ms after the last keystroke.
(function () {
  const form = document.getElementById("statement");
  if (!form) return;
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const feedback = document.getElementById("feedback");
  const status = document.getElementById("status");
  let timer = null;
  let pending = 0;

  async function send() {
    const request = ++pending;
    status.textContent = "Saving…";
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
      if (request === pending) {
        status.textContent = "Not saved: the totudocs server does not answer. Keep this page " +
          "open and start it again; your text is still here.";
      }
      return;
    }
    if (request !== pending) return; // a newer request is on its way
    if (response.ok) {
      feedback.innerHTML = await response.text();
      status.textContent = "Saved.";
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
})();
