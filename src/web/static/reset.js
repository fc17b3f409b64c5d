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
    out.replaceChildren(
      ...items.map((i) => {
        const li = document.createElement("li");
        li.className = i.kind;
        li.dataset.rule = i.rule;
        li.textContent = i[lang];
        return li;
      }),
    );
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

// The proof of work the server asks for after a few code requests (docs/decisions/007):
// find a nonce whose SHA-256 over "<challenge>:<nonce>" starts with `difficulty` zero bits,
// then send the same request again with it. Same origin, no third party.
document.addEventListener("DOMContentLoaded", async () => {
  const form = document.getElementById("proof-of-work");
  if (!form || !crypto.subtle) return;
  const { challenge, difficulty } = form.dataset;
  const bits = Number(difficulty);
  const zeroBits = (bytes) => {
    let n = 0;
    for (const b of bytes) {
      if (b === 0) {
        n += 8;
        continue;
      }
      return n + Math.clz32(b) - 24;
    }
    return n;
  };
  const encoder = new TextEncoder();
  for (let start = 0; ; start += 512) {
    const batch = Array.from({ length: 512 }, (_, i) => start + i);
    const digests = await Promise.all(
      batch.map((n) => crypto.subtle.digest("SHA-256", encoder.encode(`${challenge}:${n}`))),
    );
    const found = digests.findIndex((d) => zeroBits(new Uint8Array(d)) >= bits);
    if (found >= 0) {
      form.elements.namedItem("proofNonce").value = String(batch[found]);
      form.submit();
      return;
    }
  }
});
