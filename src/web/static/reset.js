// Live hints on the new-password form: the server checks again, this only helps.
// A hint is neutral ("unmet") until there is something to judge: the match hint says
// "Both passwords are the same" and turns green when they are, and says they differ
// (in red) only once the second one is typed and is not the same.
document.addEventListener("DOMContentLoaded", () => {
  const pw = document.getElementById("newPassword");
  const again = document.getElementById("confirmPassword");
  const hints = document.getElementById("password-hints");
  if (!pw || !again || !hints) return;
  const li = (rule) => hints.querySelector(`[data-rule="${rule}"]`);
  const update = () => {
    const n = [...pw.value].length;
    li("length").className = n >= 8 && n <= 256 ? "met" : "unmet";
    const match = li("match");
    const differ = again.value !== "" && again.value !== pw.value;
    match.className = differ ? "bad" : again.value !== "" ? "met" : "unmet";
    match.textContent = differ ? match.dataset.differ : match.dataset.match;
    again.setCustomValidity(differ ? match.dataset.differ : "");
  };
  pw.addEventListener("input", update);
  again.addEventListener("input", update);
  update();
});
