/* Load a video player only when the reader asks for it (privacy: no request to the
   video host before the click). The placeholder is made by ppiebook/videos.py. */
(function () {
  "use strict";
  function play(event) {
    var box = event.currentTarget.closest(".ppiebook-video-embed");
    var frame = document.createElement("iframe");
    frame.src = box.dataset.embedSrc;
    frame.title = box.dataset.frameTitle;  /* translated in the page by ppiebook/videos.py */
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.className = "ppiebook-video-frame";
    box.replaceChildren(frame);
    frame.focus();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".ppiebook-video-embed .ppiebook-video-play").forEach(function (button) {
      button.addEventListener("click", play);
    });
  });
})();
