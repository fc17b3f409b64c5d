// Live hints on the new-password form: the server checks again, this only helps.
document.addEventListener("DOMContentLoaded", () => {
  const pw = document.getElementById("newPassword");
  const again = document.getElementById("confirmPassword");
  const hints = document.getElementById("password-hints");
  if (!pw || !again || !hints) return;
  const mark = (rule, ok) => {
    const li = hints.querySelector(`[data-rule="${rule}"]`);
    if (li) li.className = ok ? "met" : "unmet";
  };
  const update = () => {
    const n = [...pw.value].length;
    mark("length", n >= 8 && n <= 256);
    mark("match", again.value !== "" && again.value === pw.value);
    again.setCustomValidity(again.value && again.value !== pw.value ? hints.querySelector('[data-rule="match"]').dataset.text : "");
  };
  pw.addEventListener("input", update);
  again.addEventListener("input", update);
  update();
});
