/*
 * residence-hub: a small ResizeObserver and IntersectionObserver for browsers without them, from our own site.
 *
 * ResizeObserver (iOS Safari < 13.4, Chrome < 64): Material's bundle loads a polyfill from unpkg.com when
 * `window.ResizeObserver` is missing, a request to a third-party host from exactly the old phones our tenants
 * carry. IntersectionObserver (iOS Safari 12.0 and 12.1, Chrome < 51): Material's bundle makes one on every
 * page, and stopped with « IntersectionObserver is not a constructor » on those phones. This file runs first
 * (in <head>) and defines what is missing, so that request is never made and the bundle runs.
 *
 * Both are one mechanism (`observerClass`): each target's state is read once after observe() and again after
 * a window resize, an orientation change, a DOM or attribute change, a transition or the page load (and a
 * scroll, for what is in view); an entry is delivered when it changed, as the standards do.
 */
(function () {
  "use strict";

  /* Defines window[name], unless the browser has it: `read(element)` is a target's state, `changed(old, now)`
     whether to tell it, `entry(element, now)` what is told; `events` on the window schedule a new reading. */
  function observerClass(name, read, changed, entry, events) {
    if (typeof window[name] !== "undefined") return null;

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

    function Observer(callback) {
      if (typeof callback !== "function") throw new TypeError(name + ": callback must be a function");
      this.callback = callback;
      this.targets = [];
    }

    Observer.prototype.observe = function (target) {
      for (var i = 0; i < this.targets.length; i++) if (this.targets[i].element === target) return;
      this.targets.push({ element: target, state: null });
      if (observers.indexOf(this) < 0) observers.push(this);
      schedule();
    };

    Observer.prototype.unobserve = function (target) {
      this.targets = this.targets.filter(function (t) { return t.element !== target; });
    };

    Observer.prototype.disconnect = function () {
      this.targets = [];
      var index = observers.indexOf(this);
      if (index >= 0) observers.splice(index, 1);
    };

    Observer.prototype.deliver = function () {
      var entries = [];
      for (var i = 0; i < this.targets.length; i++) {
        var target = this.targets[i];
        var now = read(target.element);
        if (target.state === null || changed(target.state, now)) {
          target.state = now;
          entries.push(entry(target.element, now));
        }
      }
      if (entries.length) this.callback.call(this, entries, this);
    };

    window[name] = Observer;

    events.forEach(function (event) { window.addEventListener(event, schedule, true); });
    document.addEventListener("DOMContentLoaded", function () {
      if (window.MutationObserver) {
        new MutationObserver(schedule).observe(document.documentElement,
          { attributes: true, childList: true, subtree: true, characterData: true });
      }
      schedule();
    });
    return Observer;
  }

  var CHANGES = ["resize", "orientationchange", "load", "transitionend", "animationend"];

  /* Sizes compared on offsetWidth/offsetHeight, which is what Material reads. */
  observerClass("ResizeObserver",
    function (element) { return { width: element.offsetWidth, height: element.offsetHeight }; },
    function (old, now) { return old.width !== now.width || old.height !== now.height; },
    function (element, now) {
      return { target: element, contentRect: { x: 0, y: 0, top: 0, left: 0, width: now.width, height: now.height,
                                               right: now.width, bottom: now.height } };
    },
    CHANGES);

  /* What Material asks (threshold 0, the viewport as root): whether an element's box meets the window. */
  var InView = observerClass("IntersectionObserver",
    function (element) {
      var box = element.getBoundingClientRect();
      var width = window.innerWidth || document.documentElement.clientWidth;
      var height = window.innerHeight || document.documentElement.clientHeight;
      return { box: box, seen: element.isConnected !== false && (box.width > 0 || box.height > 0) &&
               box.bottom >= 0 && box.right >= 0 && box.top <= height && box.left <= width };
    },
    function (old, now) { return old.seen !== now.seen; },
    function (element, now) {
      return { target: element, isIntersecting: now.seen, intersectionRatio: now.seen ? 1 : 0,
               boundingClientRect: now.box, intersectionRect: now.seen ? now.box : null, rootBounds: null,
               time: Date.now() };
    },
    ["scroll"].concat(CHANGES));
  if (InView) InView.prototype.takeRecords = function () { return []; };
})();
