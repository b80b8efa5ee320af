// Small browser helpers used through JS interop. Kept in a file (no inline script) so a strict CSP can apply.
window.trackerPrefs = {
  get: function (key) {
    try { return window.localStorage.getItem("metaaitracker." + key); } catch { return null; }
  },
  set: function (key, value) {
    try { window.localStorage.setItem("metaaitracker." + key, value); } catch { /* storage disabled */ }
  },
  prefersDark: function () {
    return !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }
};

window.trackerClipboard = {
  copy: async function (text) {
    try { await navigator.clipboard.writeText(text); return true; } catch { return false; }
  }
};

// The source page: bring the passage named by the address ("#q-5-23-51") into view and mark every run of it.
window.trackerPassages = {
  show: function () {
    document.querySelectorAll("mark.passage.is-target").forEach(function (m) { m.classList.remove("is-target"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    var anchor = id ? document.getElementById(id) : null;
    if (!anchor) { return; }
    if (id.indexOf("q-") === 0) {
      document.querySelectorAll("mark.passage").forEach(function (m) {
        if ((m.getAttribute("data-q") || "").split(" ").indexOf(id) >= 0) { m.classList.add("is-target"); }
      });
    }
    anchor.scrollIntoView({ block: "center" });
  }
};
window.addEventListener("hashchange", function () { window.trackerPassages.show(); });
