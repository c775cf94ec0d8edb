(function () {
  /* Keep a term's tooltip inside the window (CSS shows it on :hover and :focus). */
  function place(event) {
    var mark = event.target && event.target.closest ? event.target.closest("mark.hit") : null;
    var tip = mark && mark.querySelector(".tip");
    if (!tip || getComputedStyle(tip).position === "fixed") return;
    tip.style.left = "";
    var box = tip.getBoundingClientRect(), width = document.documentElement.clientWidth, shift = 0;
    if (box.right > width - 8) shift = width - 8 - box.right;
    if (box.left + shift < 8) shift = 8 - box.left;
    if (shift) tip.style.left = shift + "px";
  }
  document.addEventListener("focusin", place);
  document.addEventListener("mouseover", place);
})();
