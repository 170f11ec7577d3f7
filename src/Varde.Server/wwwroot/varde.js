// Varde's small browser helpers: the idle session timeout, keeping the session alive while the user works inside a
// live page, and the sound that announces a new red on the worklist (mutable, remembered in this browser).
(function () {
  "use strict";
  var minutes = Number(document.body.dataset.sessionMinutes || "30");
  var lastActivity = Date.now();
  var lastPing = Date.now();
  var signedIn = function () { return document.querySelector("[data-testid=signed-in-as]") !== null; };

  ["keydown", "pointerdown", "wheel", "touchstart"].forEach(function (name) {
    window.addEventListener(name, function () { lastActivity = Date.now(); }, { passive: true, capture: true });
  });

  setInterval(function () {
    if (!signedIn()) return;
    var now = Date.now();
    if (now - lastActivity > minutes * 60000) {
      window.location.assign("/session/expired");
    } else if (lastActivity > lastPing && now - lastPing > 5 * 60000) {
      lastPing = now;
      fetch("/session/keepalive", { credentials: "same-origin" }).catch(function () { });
    }
  }, 15000);

  // A button marked data-print prints the page (the printable plan); works on static and live pages alike.
  document.addEventListener("click", function (e) {
    if (e.target instanceof Element && e.target.closest("[data-print]")) window.print();
  });

  // "Hopp til innholdet" moves the focus, not only the view, into the page's main part (Blazor's router handles the
  // #main link itself and would leave the focus in the header), so the next Tab is the page's first control.
  document.addEventListener("click", function (e) {
    var link = e.target instanceof Element ? e.target.closest("a.skip-link") : null;
    var main = document.getElementById("main");
    if (!link || !main) return;
    e.preventDefault();
    main.focus();
  }, true);

  // A button marked data-focus="<selector>" moves the focus there ("Gå til første varsel").
  document.addEventListener("click", function (e) {
    var button = e.target instanceof Element ? e.target.closest("[data-focus]") : null;
    var to = button ? document.querySelector(button.getAttribute("data-focus")) : null;
    if (to) to.focus();
  });

  // Keyboard: N moves to the next alert's "Behandle" on the worklist (from the top after the last), unless typing.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "n" && e.key !== "N") return;
    if (e.ctrlKey || e.altKey || e.metaKey || e.defaultPrevented) return;
    var t = e.target;
    if (t instanceof Element && (t.closest("input, textarea, select, [contenteditable]"))) return;
    var buttons = Array.prototype.slice.call(document.querySelectorAll("[data-testid=open-alert]"));
    if (buttons.length === 0) return;
    var at = buttons.indexOf(document.activeElement);
    (buttons[at + 1] || buttons[0]).focus();
    e.preventDefault();
  });

  var audio = null;
  window.varde = {
    // Focuses the first element the selector finds; false when there is none.
    focus: function (selector) { var el = document.querySelector(selector); if (!el) return false; el.focus(); return true; },
    muted: function () { return window.localStorage.getItem("varde.muted") === "1"; },
    setMuted: function (muted) { window.localStorage.setItem("varde.muted", muted ? "1" : "0"); },
    // Two short tones, generated (no sound file to load), unless muted.
    announceRed: function () {
      if (window.varde.muted()) return false;
      try {
        audio = audio || new (window.AudioContext || window.webkitAudioContext)();
        [0, 0.28].forEach(function (start) {
          var osc = audio.createOscillator();
          var gain = audio.createGain();
          osc.frequency.value = 880;
          gain.gain.setValueAtTime(0.0001, audio.currentTime + start);
          gain.gain.exponentialRampToValueAtTime(0.25, audio.currentTime + start + 0.02);
          gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + start + 0.22);
          osc.connect(gain).connect(audio.destination);
          osc.start(audio.currentTime + start);
          osc.stop(audio.currentTime + start + 0.25);
        });
        window.varde.lastSound = Date.now();
        return true;
      } catch (e) {
        return false;
      }
    },
  };
})();
