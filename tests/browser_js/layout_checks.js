// Layout checks run inside the page by tests/test_accessibility.py. Each returns a list of problems
// (strings naming the element), empty when the page passes.
window.__rhChecks = (() => {
  const describe = (el) => {
    const cls = typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).join(".") : "";
    const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${cls}> « ${text} »`;
  };
  const shown = (el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });

  // WCAG 1.4.10 (reflow): nothing wider than the viewport, nothing pushed out of it on the right.
  // Boxes entirely left of the viewport are Material's closed navigation drawer (off-canvas by design).
  function overflow() {
    const width = document.documentElement.clientWidth;
    const problems = [];
    for (const box of [document.documentElement, document.body]) {
      if (box.scrollWidth > width) problems.push(`la page défile de côté : ${box.scrollWidth}px pour ${width}px`);
    }
    for (const el of document.body.querySelectorAll("*")) {
      if (!shown(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= 0) continue;
      if (r.right > width + 0.5) problems.push(`${describe(el)} dépasse à droite (${Math.round(r.right)}px > ${width}px)`);
    }
    return problems;
  }

  // WCAG 2.5.8 (target size, minimum), with its exceptions as the Understanding document states them:
  // - a target of at least 24×24 CSS px passes;
  // - spacing: an undersized target passes when a 24 px circle centred on its bounding box intersects
  //   no other target and no other undersized target's circle;
  // - inline: a link inside a sentence (its block holds other, non-link text) is exempt.
  const TARGETS = "a[href], button, input:not([type=hidden]), select, textarea, summary, label[for]";
  function isInline(el) {
    if (getComputedStyle(el).display !== "inline") return false;
    let block = el.parentElement;
    while (block && ["inline", "contents"].includes(getComputedStyle(block).display)) block = block.parentElement;
    if (!block) return false;
    const clone = block.cloneNode(true);
    clone.querySelectorAll(TARGETS).forEach((t) => t.remove());
    return /[\p{L}\p{N}]/u.test(clone.textContent);
  }
  // ``scope``: a selector for an open overlay (menu, search); the page behind it cannot be tapped.
  function targetSize(scope) {
    const width = document.documentElement.clientWidth;
    const targets = [];
    for (const el of (scope ? document.querySelector(scope) : document).querySelectorAll(TARGETS)) {
      if (!shown(el) || el.closest("[inert], [aria-hidden=true]")) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= 0 || r.left >= width) continue;
      const small = r.width < 24 - 0.01 || r.height < 24 - 0.01;
      targets.push({ el, r, cx: r.left + r.width / 2, cy: r.top + r.height / 2, small,
                     inline: small && isInline(el) });
    }
    // A label and its own control, or nested targets, are one target, not neighbours.
    const related = (a, b) => a.el.contains(b.el) || b.el.contains(a.el) ||
      (a.el.tagName === "LABEL" && a.el.control === b.el) || (b.el.tagName === "LABEL" && b.el.control === a.el);
    const circleHitsRect = (t, r) => {
      const x = Math.max(r.left, Math.min(t.cx, r.right)), y = Math.max(r.top, Math.min(t.cy, r.bottom));
      return Math.hypot(t.cx - x, t.cy - y) < 12;
    };
    const problems = [];
    for (const t of targets) {
      if (!t.small || t.inline) continue;
      const crowded = targets.find((o) => o !== t && !related(t, o) &&
        (circleHitsRect(t, o.r) || (o.small && Math.hypot(t.cx - o.cx, t.cy - o.cy) < 24)));
      if (crowded) {
        problems.push(`${describe(t.el)} mesure ${Math.round(t.r.width)}×${Math.round(t.r.height)}px ` +
                      `et touche ${describe(crowded.el)}`);
      }
    }
    return problems;
  }
  return { overflow, targetSize };
})();
