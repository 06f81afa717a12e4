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
    const response = await fetch("/drafts/" + form.dataset.draft, {
      method: "POST",
      headers: { "X-CSRF-Token": token },
      body: new FormData(form),
      credentials: "same-origin",
    });
    if (request !== pending) return; // a newer request is on its way
    if (response.ok) {
      feedback.innerHTML = await response.text();
      status.textContent = "Saved.";
    } else {
      status.textContent = "Not saved (" + response.status + "). Reload the page.";
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(send, 300);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
})();
