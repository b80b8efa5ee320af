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
