/*
 * residence-hub: a small ResizeObserver for browsers without one (iOS Safari < 13.4, Chrome < 64).
 *
 * Material's bundle loads a polyfill from unpkg.com when `window.ResizeObserver` is missing: a request
 * to a third-party host from exactly the old phones our tenants carry. This file runs first (in <head>)
 * and defines ResizeObserver from our own site, so that request is never made.
 *
 * It reports an element's new size after a window resize, an orientation change, a DOM or attribute
 * change, a transition or the page load, and once after observe(), as the standard does. Sizes are
 * compared on offsetWidth/offsetHeight, which is what Material reads.
 */
(function () {
  "use strict";
  if (typeof window.ResizeObserver !== "undefined") return;

  var observers = [];
  var scheduled = false;

  function size(element) {
    return { width: element.offsetWidth, height: element.offsetHeight };
  }

  function check() {
    scheduled = false;
    for (var i = 0; i < observers.length; i++) observers[i].deliver();
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    (window.requestAnimationFrame || function (f) { return setTimeout(f, 16); })(check);
  }

  function ResizeObserver(callback) {
    if (typeof callback !== "function") throw new TypeError("ResizeObserver: callback must be a function");
    this.callback = callback;
    this.targets = [];
  }

  ResizeObserver.prototype.observe = function (target) {
    for (var i = 0; i < this.targets.length; i++) if (this.targets[i].element === target) return;
    this.targets.push({ element: target, size: null });
    if (observers.indexOf(this) < 0) observers.push(this);
    schedule();
  };

  ResizeObserver.prototype.unobserve = function (target) {
    this.targets = this.targets.filter(function (t) { return t.element !== target; });
  };

  ResizeObserver.prototype.disconnect = function () {
    this.targets = [];
    var index = observers.indexOf(this);
    if (index >= 0) observers.splice(index, 1);
  };

  ResizeObserver.prototype.deliver = function () {
    var entries = [];
    for (var i = 0; i < this.targets.length; i++) {
      var target = this.targets[i];
      var now = size(target.element);
      if (!target.size || target.size.width !== now.width || target.size.height !== now.height) {
        target.size = now;
        entries.push({
          target: target.element,
          contentRect: { x: 0, y: 0, top: 0, left: 0, width: now.width, height: now.height,
                         right: now.width, bottom: now.height }
        });
      }
    }
    if (entries.length) this.callback.call(this, entries, this);
  };

  window.ResizeObserver = ResizeObserver;

  ["resize", "orientationchange", "load", "transitionend", "animationend"].forEach(function (name) {
    window.addEventListener(name, schedule, true);
  });
  document.addEventListener("DOMContentLoaded", function () {
    if (window.MutationObserver) {
      new MutationObserver(schedule).observe(document.documentElement,
        { attributes: true, childList: true, subtree: true, characterData: true });
    }
    schedule();
  });
})();

/*
 * residence-hub: a small IntersectionObserver for browsers without one (iOS Safari 12.0 and 12.1, Chrome < 51).
 *
 * Material's bundle makes one on every page (to know whether an element is in view): without it the
 * bundle stopped with « IntersectionObserver is not a constructor » on exactly those phones. This one
 * answers what Material asks (threshold 0, the viewport as root): whether an element's box meets the
 * window, once after observe() and again when that changes, on scroll, resize or a change of the page.
 */
(function () {
  "use strict";
  if (typeof window.IntersectionObserver !== "undefined") return;

  var observers = [];
  var scheduled = false;

  function check() {
    scheduled = false;
    for (var i = 0; i < observers.length; i++) observers[i].deliver();
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    (window.requestAnimationFrame || function (f) { return setTimeout(f, 16); })(check);
  }

  function IntersectionObserver(callback) {
    if (typeof callback !== "function") throw new TypeError("IntersectionObserver: callback must be a function");
    this.callback = callback;
    this.targets = [];
  }

  IntersectionObserver.prototype.observe = function (target) {
    for (var i = 0; i < this.targets.length; i++) if (this.targets[i].element === target) return;
    this.targets.push({ element: target, seen: null });
    if (observers.indexOf(this) < 0) observers.push(this);
    schedule();
  };

  IntersectionObserver.prototype.unobserve = function (target) {
    this.targets = this.targets.filter(function (t) { return t.element !== target; });
  };

  IntersectionObserver.prototype.disconnect = function () {
    this.targets = [];
    var index = observers.indexOf(this);
    if (index >= 0) observers.splice(index, 1);
  };

  IntersectionObserver.prototype.takeRecords = function () { return []; };

  IntersectionObserver.prototype.deliver = function () {
    var entries = [];
    var width = window.innerWidth || document.documentElement.clientWidth;
    var height = window.innerHeight || document.documentElement.clientHeight;
    for (var i = 0; i < this.targets.length; i++) {
      var target = this.targets[i];
      var box = target.element.getBoundingClientRect();
      var seen = target.element.isConnected !== false && (box.width > 0 || box.height > 0) &&
        box.bottom >= 0 && box.right >= 0 && box.top <= height && box.left <= width;
      if (target.seen !== seen) {
        target.seen = seen;
        entries.push({ target: target.element, isIntersecting: seen, intersectionRatio: seen ? 1 : 0,
                       boundingClientRect: box, intersectionRect: seen ? box : null, rootBounds: null,
                       time: Date.now() });
      }
    }
    if (entries.length) this.callback.call(this, entries, this);
  };

  window.IntersectionObserver = IntersectionObserver;

  ["scroll", "resize", "orientationchange", "load", "transitionend", "animationend"].forEach(function (name) {
    window.addEventListener(name, schedule, true);
  });
  document.addEventListener("DOMContentLoaded", function () {
    if (window.MutationObserver) {
      new MutationObserver(schedule).observe(document.documentElement,
        { attributes: true, childList: true, subtree: true });
    }
    schedule();
  });
})();
