// Progressive enhancement only: every page reads and works without this file.
// Each feature checks for its markup and does nothing when it is absent.
(function () {
    "use strict";
    document.documentElement.classList.add("js");
})();
