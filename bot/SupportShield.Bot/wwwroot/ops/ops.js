"use strict";
// The Ops console: the rules in force, the rules editor (validate, save), the test box, a dry run over a corpus, counters
// by period, recent audit events and agents' false-positive reports. Every value from the server is set as text, never as
// HTML; nothing is kept in browser storage or put in the URL.
(() => {
  const { api, say, el } = SupportShieldConsole;
  const $ = (id) => document.getElementById(id);
  const maxCorpusBytes = 5 * 1024 * 1024;

  /** A table in a scrollable, keyboard-focusable region. */
  function table(label, headers, rows) {
    const body = el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map((cell) => el("td", {}, cell)))));
    return el("div", { class: "table-wrap", role: "region", "aria-label": label, tabindex: "0" },
      el("table", {}, el("caption", { class: "visually-hidden", text: label }),
        el("thead", {}, el("tr", {}, headers.map((h) => el("th", { scope: "col", text: h })))), body));
  }

  function when(iso) {
    if (!iso) return "";
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
  }

  function decisionText(decision) {
    return decision.types && decision.types.length ? `${decision.action} (${decision.types.join(", ")})` : decision.action;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Rules in force
  const rulesStatus = $("rules-status-line");

  function showRulesStatus(rules) {
    const status = rules.status;
    const facts = $("rules-status");
    facts.replaceChildren(
      el("dt", { text: "Source" }), el("dd", { text: rules.origin === "file" ? status.source : "bundled default" }),
      el("dt", { text: "Loaded at" }), el("dd", { text: when(status.loadedAt) }),
      el("dt", { text: "Version (SHA-256)" }), el("dd", {}, el("code", { text: status.sha256 })),
      el("dt", { text: "Watched for changes" }), el("dd", { text: status.watching ? "yes" : "no (bundled default)" }),
      el("dt", { text: "Saving writes" }), el("dd", { text: rules.saveTo || "nowhere (no rules file or data folder configured)" }));
    const rejected = $("rules-rejected");
    rejected.replaceChildren();
    if (status.lastErrors && status.lastErrors.length) {
      rejected.append(
        el("h3", { text: `Last rejected edit (${when(status.lastErrorAt)}): the rules above stay in force` }),
        el("ul", { class: "error-list" }, status.lastErrors.map((e) => el("li", { class: "error", text: `Line ${e.line}, column ${e.column}: ${e.message}` }))));
    } else if (status.lastReadError) {
      rejected.append(el("p", { class: "error", text: `The rules file could not be read: ${status.lastReadError}` }));
    }
  }

  async function loadRules({ intoEditor }) {
    const rules = await api("/api/ops/rules");
    showRulesStatus(rules);
    if (intoEditor) $("rules-text").value = rules.text;
    return rules;
  }

  $("rules-refresh").addEventListener("click", async () => {
    say(rulesStatus, "Refreshing…");
    try { await loadRules({ intoEditor: false }); say(rulesStatus, "Rules status refreshed."); } catch (e) { say(rulesStatus, e.message, true); }
  });

  // ---------------------------------------------------------------------------------------------------------------
  // Editor
  const editor = $("rules-text");
  const editorStatus = $("rules-editor-status");
  const errorsBox = $("rules-errors");

  /** Puts the cursor at a line and column of the editor and selects the rest of that line. */
  function goToLine(line, column) {
    const lines = editor.value.split("\n");
    const index = Math.max(0, Math.min(line, lines.length) - 1);
    let offset = 0;
    for (let i = 0; i < index; i++) offset += lines[i].length + 1;
    const start = offset + Math.max(0, Math.min((column || 1) - 1, lines[index].length));
    editor.focus();
    editor.setSelectionRange(start, offset + lines[index].length);
    const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 18;
    editor.scrollTop = Math.max(0, (index - 3) * lineHeight);
  }

  function showErrors(errors) {
    errorsBox.replaceChildren();
    if (!errors || !errors.length) return;
    errorsBox.append(
      el("h3", { id: "rules-errors-heading", text: `${errors.length} ${errors.length === 1 ? "error" : "errors"} (select one to go to its line)` }),
      el("ul", { class: "error-list", "aria-labelledby": "rules-errors-heading" }, errors.map((e) =>
        el("li", {}, el("button", { type: "button", onclick: () => goToLine(e.line, e.column), text: `Line ${e.line}, column ${e.column}: ${e.message}` })))));
  }

  function reportErrors(prefix, errors) {
    showErrors(errors);
    const first = errors[0];
    say(editorStatus, `${prefix} ${errors.length} ${errors.length === 1 ? "error" : "errors"}. First: line ${first.line}, column ${first.column}: ${first.message}`, true);
    goToLine(first.line, first.column);
  }

  function summaryText(summary) {
    const disabled = summary.disabledTypes.length ? `; types off: ${summary.disabledTypes.join(", ")}` : "";
    return `${summary.policyRows} policy rows, ${summary.customRecognizers} custom recognizers, ${summary.denyTerms} deny terms, threshold ${summary.threshold}${disabled}`;
  }

  $("rules-validate").addEventListener("click", async () => {
    say(editorStatus, "Validating…");
    try {
      const result = await api("/api/ops/rules/validate", { method: "POST", body: { yaml: editor.value } });
      if (result.valid) {
        showErrors([]);
        say(editorStatus, `The rules are valid: ${summaryText(result.summary)}. Nothing was saved.`);
      } else {
        reportErrors("The rules have", result.errors);
      }
    } catch (e) { say(editorStatus, e.message, true); }
  });

  $("rules-save").addEventListener("click", async () => {
    say(editorStatus, "Saving…");
    try {
      const result = await api("/api/ops/rules", { method: "PUT", body: { yaml: editor.value } });
      showErrors([]);
      say(editorStatus, `Saved to ${result.path} and in force (version ${result.sha256.slice(0, 12)}).`);
      await loadRules({ intoEditor: false });
    } catch (e) {
      if (e.data && Array.isArray(e.data.errors) && e.data.errors.length) reportErrors("Nothing was saved: the rules have", e.data.errors);
      else say(editorStatus, e.message, true);
    }
  });

  $("rules-reset").addEventListener("click", async () => {
    try { await loadRules({ intoEditor: true }); showErrors([]); say(editorStatus, "The editor holds the rules in force."); } catch (e) { say(editorStatus, e.message, true); }
  });

  $("rules-upload").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    if (file.size > 512 * 1024) { say(editorStatus, "That file is larger than 512 KB.", true); return; }
    editor.value = await file.text();
    event.target.value = "";
    showErrors([]);
    say(editorStatus, "File loaded into the editor; validate or save it.");
  });

  // ---------------------------------------------------------------------------------------------------------------
  // Test box
  const testStatus = $("test-status");

  function decisionBlock(title, decision) {
    return el("div", {},
      el("p", {}, `${title}: `, el("strong", { class: "decision", text: decision.action }),
        decision.types.length ? ` (${decision.types.join(", ")})` : ""),
      decision.reasons.length
        ? el("ul", {}, decision.reasons.map((r) => el("li", { text: `${r.action} ${r.type} (rule ${r.rule}, policy ${r.policyRule}): ${r.detail}` })))
        : null);
  }

  function showExplanation(result) {
    const findings = result.findings.length
      ? table("Findings", ["Type", "Masked value", "Score", "Rule", "How"], result.findings.map((f) => [
        f.type, f.preview, String(f.score), f.rule,
        `${f.recognizer} / ${f.pattern}, base ${f.baseScore}; validation ${f.validation || "none"}; context ${f.contextWords.length ? f.contextWords.join(", ") : "none"} (${f.contextBoost >= 0 ? "+" : ""}${f.contextBoost})${f.onFile ? `; on file: ${f.onFile}` : ""}`]))
      : el("p", { text: "No findings." });
    $("test-result").replaceChildren(
      el("p", { class: "muted", text: `Rules: ${result.rules} (version ${result.rulesSha256.slice(0, 12)}); written by the ${result.role}; customer ${result.verified ? "verified" : "not verified"}.` }),
      decisionBlock(`Decision for this ${result.role} message`, result.decision),
      result.asOutgoing ? decisionBlock("If an agent sent this text to the customer", result.asOutgoing) : null,
      el("h3", { text: "Findings" }), findings,
      el("h3", { text: "Intent" }),
      el("p", { text: result.intent ? `${result.intent.intent} (rule ${result.intent.rule}${result.intent.fields.length ? `; fields: ${result.intent.fields.join(", ")}` : ""}): ${result.intent.explanation}` : "Not classified (not a customer message)." }),
      el("h3", { text: "Masked text" }), el("pre", { class: "text", text: result.maskedText }),
      el("h3", { text: `Normalised text${result.normalizationChanged ? "" : " (unchanged)"}` }), el("pre", { class: "text", text: result.normalizedText }));
    say(testStatus, `Decision: ${decisionText(result.decision)}.`);
  }

  $("test-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    say(testStatus, "Explaining…");
    const body = { text: $("test-text").value, role: $("test-role").value, verified: $("test-verified").checked };
    if ($("test-candidate").checked) body.rules = editor.value;
    try {
      showExplanation(await api("/api/ops/explain", { method: "POST", body }));
    } catch (e) {
      $("test-result").replaceChildren();
      if (e.data && Array.isArray(e.data.errors) && e.data.errors.length) {
        say(testStatus, `${e.message} See the editor.`, true);
        reportErrors("The rules in the editor have", e.data.errors);
      } else say(testStatus, e.message, true);
    }
  });

  // ---------------------------------------------------------------------------------------------------------------
  // Dry run
  const dryStatus = $("dry-status");
  $("dry-run").addEventListener("click", async () => {
    const file = $("dry-corpus").files[0];
    if (!file) { say(dryStatus, "Choose a corpus file first.", true); $("dry-corpus").focus(); return; }
    if (file.size > maxCorpusBytes) { say(dryStatus, "The corpus is larger than 5 MB.", true); return; }
    say(dryStatus, "Running…");
    $("dry-result").replaceChildren();
    try {
      const result = await api("/api/ops/rules/dry-run", { method: "POST", body: { rules: editor.value, corpus: await file.text() } });
      const totals = el("dl", { class: "facts" },
        el("dt", { text: "Lines" }), el("dd", { text: String(result.lines) }),
        el("dt", { text: "Changed" }), el("dd", { text: String(result.changed) }),
        el("dt", { text: "Newly held" }), el("dd", { text: String(result.newlyHeld) }),
        el("dt", { text: "Newly released" }), el("dd", { text: String(result.newlyReleased) }));
      const rows = result.changes.map((c) => [String(c.line), c.id, c.role, decisionText(c.before), decisionText(c.after), c.preview]);
      $("dry-result").replaceChildren(totals,
        rows.length ? table("Messages whose decision changes", ["Line", "Id", "Role", "Rules in force", "Rules in the editor", "Masked preview"], rows) : el("p", { text: "No decision changes." }),
        result.truncated ? el("p", { class: "muted", text: `Only the first ${result.changes.length} changes are listed.` }) : null);
      say(dryStatus, `Dry run done: ${result.changed} of ${result.lines} messages change (${result.newlyHeld} newly held, ${result.newlyReleased} newly released).`);
    } catch (e) {
      if (e.data && Array.isArray(e.data.lineErrors) && e.data.lineErrors.length) {
        $("dry-result").replaceChildren(el("ul", { class: "error-list" }, e.data.lineErrors.map((l) => el("li", { class: "error", text: `Corpus line ${l.line}: ${l.message}` }))));
        say(dryStatus, `${e.message} First: corpus line ${e.data.lineErrors[0].line}: ${e.data.lineErrors[0].message}`, true);
      } else if (e.data && Array.isArray(e.data.errors) && e.data.errors.length) {
        say(dryStatus, `${e.message} See the editor.`, true);
        reportErrors("The rules in the editor have", e.data.errors);
      } else say(dryStatus, e.message, true);
    }
  });

  // ---------------------------------------------------------------------------------------------------------------
  // Counters
  const countersStatus = $("counters-status");
  async function showCounters() {
    const period = $("counters-period").value;
    say(countersStatus, "Loading counters…");
    try {
      const c = await api(`/api/ops/counters?period=${encodeURIComponent(period)}`);
      const m = c.messages;
      const v = c.verifications;
      $("counters-result").replaceChildren(table(`Counters from ${when(c.from)} to ${when(c.to)}`, ["Counter", "Count"], [
        ["Messages screened", String(m.screened)], ["Messages held", String(m.held)], ["Messages redacted", String(m.redacted)],
        ["Messages released", String(m.released)], ["Messages blocked", String(m.blocked)],
        ["Verifications started", String(v.started)], ["Verifications succeeded", String(v.succeeded)],
        ["Verifications failed", String(v.failed)], ["Verifications locked", String(v.locked)]]));
      say(countersStatus, `Counters for ${$("counters-period").selectedOptions[0].textContent.toLowerCase()}: ${m.held} held, ${m.screened} screened.`);
    } catch (e) { say(countersStatus, e.message, true); }
  }
  $("counters-form").addEventListener("submit", (event) => { event.preventDefault(); showCounters(); });

  // ---------------------------------------------------------------------------------------------------------------
  // Audit
  const auditStatus = $("audit-status");
  $("audit-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const conversation = $("audit-conversation").value.trim();
    say(auditStatus, "Loading audit events…");
    try {
      const query = conversation ? `?conversationId=${encodeURIComponent(conversation)}&limit=200` : "?limit=200";
      const records = (await api(`/api/ops/audit${query}`)).slice().reverse();
      $("audit-result").replaceChildren(records.length
        ? table("Audit events, newest first", ["Time", "Conversation", "Direction", "Action", "Types", "Rules", "Masked preview", "Actor"], records.map((r) => [
          when(r.time), r.conversationId, r.direction, r.action, (r.entityTypes || []).join(", "), (r.ruleIds || []).join(", "), r.maskedPreview || "", r.actor || ""]))
        : el("p", { text: "No audit events." }));
      say(auditStatus, `${records.length} audit events${conversation ? " for that conversation" : ""}.`);
    } catch (e) { say(auditStatus, e.message, true); }
  });

  // ---------------------------------------------------------------------------------------------------------------
  // False positives
  const fpStatus = $("fp-status");
  $("fp-show").addEventListener("click", async () => {
    say(fpStatus, "Loading reports…");
    try {
      const reports = await api("/api/ops/false-positives?limit=200");
      $("fp-result").replaceChildren(reports.length
        ? table("False-positive reports", ["Reported", "Conversation", "Agent", "Types", "Rules", "Masked preview", "Note"], reports.map((r) => [
          when(r.reportedAt), r.conversationId, r.agentId, r.entityTypes.join(", "),
          r.rules.map((x) => `${x.type}: ${x.rule} / ${x.policyRule}`).join("; "), r.maskedPreview, r.maskedNote || ""]))
        : el("p", { text: "No reports." }));
      say(fpStatus, `${reports.length} false-positive reports.`);
    } catch (e) { say(fpStatus, e.message, true); }
  });

  SupportShieldConsole.start({
    allowedRoles: ["ops"],
    onSignedIn: async () => {
      try {
        await loadRules({ intoEditor: true });
      } catch (e) { say(rulesStatus, e.message, true); }
      showCounters();
      $("rules-heading").focus();
    },
  });
})();
