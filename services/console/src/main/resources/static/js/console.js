// Village console: small enhancements only; every screen works without them.
(function () {
  'use strict';
  // The browser's time zone, so that times typed into forms are read as the user meant them.
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) {
      document.cookie = 'village-tz=' + encodeURIComponent(zone) + '; path=/; samesite=lax';
    }
  } catch (e) { /* no Intl: the server reads times as UTC */ }

  document.addEventListener('DOMContentLoaded', function () {
    // A submit button marked data-once is disabled after the first press, so a double click sends one form.
    document.querySelectorAll('form').forEach(function (form) {
      form.addEventListener('submit', function () {
        form.querySelectorAll('button[data-once]').forEach(function (button) {
          window.setTimeout(function () { button.disabled = true; }, 0);
        });
      });
    });

    // The lethality screen's result as the officer answers: scored by the server, shown in the live region.
    var result = document.getElementById('screen-result');
    if (result) {
      var form = result.closest('form');
      var rescore = function () {
        var body = new URLSearchParams();
        form.querySelectorAll('input[name^="answers["]:checked').forEach(function (answer) {
          body.append(answer.name, answer.value);
        });
        var belief = form.querySelector('input[name="officerBelievesHighDanger"]');
        if (belief && belief.checked) { body.append('officerBelievesHighDanger', 'true'); }
        var csrf = form.querySelector('input[name="_csrf"]');
        if (csrf) { body.append('_csrf', csrf.value); }
        fetch(result.getAttribute('data-url'), { method: 'POST', body: body, credentials: 'same-origin' })
          .then(function (answer) { return answer.ok ? answer.text() : null; })
          .then(function (html) {
            if (html) { result.innerHTML = html; }
          });
      };
      form.querySelectorAll('input[name^="answers["], input[name="officerBelievesHighDanger"]').forEach(function (input) {
        input.addEventListener('change', rescore);
      });
    }

    // Live: the console passes on a signal when a notification arrives; the bell and the page's live parts
    // (marked data-live-url) are fetched again. These refreshes do not count as use of an idle session.
    var live = document.getElementById('live');
    if (live && window.EventSource) {
      var refresh = function () {
        var bell = document.getElementById('bell');
        var targets = Array.prototype.slice.call(document.querySelectorAll('[data-live-url]'));
        if (bell) { targets.push(bell); }
        targets.forEach(function (target) {
          var url = target === bell ? bell.getAttribute('data-bell-url') : target.getAttribute('data-live-url');
          if (!url) { return; }
          var focused = document.activeElement;
          if (focused && target.contains(focused) && focused.matches('input, textarea, select')) { return; }
          fetch(url, { credentials: 'same-origin', headers: { 'X-Village-Live': '1' } })
            .then(function (answer) { return answer.ok && !answer.redirected ? answer.text() : null; })
            .then(function (html) {
              if (!html) { return; }
              var holder = document.createElement('div');
              holder.innerHTML = html;
              var fresh = holder.firstElementChild;
              if (fresh) { target.replaceWith(fresh); }
            });
        });
      };
      // opened once the page has loaded, and closed as it goes, so that it never holds a connection the next
      // page needs (a browser allows few per server)
      var source = null;
      var open = function () {
        source = new EventSource(live.getAttribute('data-url'));
        source.addEventListener('notification', refresh);
      };
      if (document.readyState === 'complete') { open(); } else { window.addEventListener('load', open); }
      window.addEventListener('pagehide', function () { if (source) { source.close(); source = null; } });
      window.addEventListener('pageshow', function (event) { if (event.persisted && !source) { open(); } });
    }

    // An idle session ends on the server; warn a minute before, and reload to the sign-in page when it has.
    var warning = document.getElementById('idle-warning');
    if (!warning) { return; }
    var idle = parseInt(warning.getAttribute('data-idle-seconds'), 10) || 900;
    // a minute before the end; half-way for timeouts of two minutes or less
    var warnAt = (idle > 120 ? idle - 60 : idle / 2) * 1000;
    var warnTimer, endTimer;
    function arm() {
      window.clearTimeout(warnTimer);
      window.clearTimeout(endTimer);
      warning.hidden = true;
      warnTimer = window.setTimeout(function () { warning.hidden = false; }, warnAt);
      endTimer = window.setTimeout(function () { window.location.reload(); }, idle * 1000 + 1000);
    }
    arm();
    // "Stay signed in" tells the server the person is still there, without leaving the page.
    var stay = warning.querySelector('form');
    if (stay) {
      stay.addEventListener('submit', function (event) {
        event.preventDefault();
        var body = new URLSearchParams(new FormData(stay));
        fetch(stay.getAttribute('action'), { method: 'POST', body: body, credentials: 'same-origin' })
          .then(function (answer) { if (answer.ok) { arm(); } else { window.location.reload(); } });
      });
    }
  });
}());
