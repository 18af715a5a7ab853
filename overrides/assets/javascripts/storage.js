/* The handbook's browser storage: the one way every script reads and writes localStorage. The keys are not written
   in any script: the page holds them (<script id="handbook-storage">, made from macros/data/storage.yml), and
   scripts name a key by its name there ("progress", "read", ...). Storage can be off (private mode, file:// in
   some browsers): reads then give the fallback, writes say they failed, and the pages still work. */
(function () {
  "use strict";

  var holder = document.getElementById("handbook-storage");
  var contract = holder ? JSON.parse(holder.textContent) : { keys: {}, course: [], device_only: [] };

  function key(name) {
    if (!Object.prototype.hasOwnProperty.call(contract.keys, name)) {
      throw new Error("handbook storage: no key named " + name + " in storage.yml");
    }
    return contract.keys[name];
  }

  function kind(value) {
    return value === null ? "object" : Array.isArray(value) ? "array" : typeof value;
  }

  /* The value kept under a name, or the fallback when there is none, it is unreadable, or of another kind
     (an array where an object belongs). */
  function read(name, fallback) {
    try {
      var text = window.localStorage.getItem(key(name));
      var value = text ? JSON.parse(text) : null;
      return value !== null && kind(value) === kind(fallback) ? value : fallback;
    } catch (error) {
      if (error instanceof Error && /^handbook storage:/.test(error.message)) throw error;
      return fallback;
    }
  }

  /* Keep a value under a name (null or undefined removes it); false when the browser refused. */
  function write(name, value) {
    var stored = key(name);
    try {
      if (value === null || value === undefined) window.localStorage.removeItem(stored);
      else window.localStorage.setItem(stored, JSON.stringify(value));
      return true;
    } catch (error) {
      return false;
    }
  }

  /* Whether a key of localStorage (a "storage" event's) is one of the handbook's. */
  function owns(storedKey) {
    return Object.keys(contract.keys).some(function (name) { return contract.keys[name] === storedKey; });
  }

  window.handbookStorage = {
    read: read,
    write: write,
    owns: owns,
    course: contract.course.slice(),            // the names whose contents the LMS course carries
    deviceOnly: contract.device_only.slice()    // the names a new LMS attempt clears on the device
  };
})();
