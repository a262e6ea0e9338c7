// Episode pages: each chapter's start becomes a button that moves the player there.
// Without JavaScript the times stay plain text and the native player works as is.
(function () {
    "use strict";
    document.querySelectorAll("ol.chapters[data-player]").forEach(function (list) {
        var player = document.getElementById(list.dataset.player);
        if (!player) {
            return;
        }
        list.querySelectorAll(".chapters__time[data-seconds]").forEach(function (time) {
            var seconds = parseInt(time.dataset.seconds, 10) || 0;
            var title = time.parentNode.querySelector(".chapters__title");
            var button = document.createElement("button");
            button.type = "button";
            button.className = "chapters__seek";
            button.textContent = time.textContent;
            button.setAttribute(
                "aria-label",
                "Écouter à partir de " + time.textContent + (title ? " : " + title.textContent.trim() : "")
            );
            button.addEventListener("click", function () {
                var seek = function () {
                    player.currentTime = seconds;
                    var playing = player.play();
                    if (playing && playing.catch) {
                        playing.catch(function () {});
                    }
                };
                if (player.readyState >= 1) {
                    seek();
                } else {
                    // preload="none": load the metadata first, then move.
                    player.addEventListener("loadedmetadata", seek, { once: true });
                    player.load();
                }
            });
            time.replaceWith(button);
        });
    });
})();
