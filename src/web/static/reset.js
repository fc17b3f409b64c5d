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

// Pre-flight: ask the server which rule (cloud or the directory's own policy) the typed
// password would break, and name it before submit. Same-origin JSON; the answer advises,
// completing the reset still decides.
document.addEventListener("DOMContentLoaded", () => {
  const pw = document.getElementById("newPassword");
  const out = document.getElementById("password-preflight");
  const flow = pw && pw.form ? pw.form.querySelector('input[name="flowId"]') : null;
  if (!pw || !out || !flow) return;
  const lang = document.documentElement.lang === "lv" ? "lv" : "en";
  let timer;
  let asked = 0;
  const show = (items) => {
    out.replaceChildren(...items.map((i) => {
      const li = document.createElement("li");
      li.className = i.kind;
      li.dataset.rule = i.rule;
      li.textContent = i[lang];
      return li;
    }));
    out.hidden = items.length === 0;
  };
  pw.addEventListener("input", () => {
    clearTimeout(timer);
    if (pw.value === "") return show([]);
    timer = setTimeout(async () => {
      const mine = ++asked;
      try {
        const res = await fetch(`/api/v1/reset/${encodeURIComponent(flow.value)}/password-check`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ newPassword: pw.value }),
        });
        if (!res.ok || mine !== asked) return;
        const r = await res.json();
        show([...r.failures.map((f) => ({ ...f, kind: "unmet" })), ...r.notes.map((n) => ({ ...n, kind: "note" }))]);
      } catch {
        // Offline or refused: the submit still gets the real answer.
      }
    }, 300);
  });
});
