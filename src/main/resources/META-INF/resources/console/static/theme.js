// Applies the chosen theme before the page paints; without a choice the system's colour scheme wins.
(function () {
  try {
    var theme = localStorage.getItem("polyplex-theme");
    if (theme === "light" || theme === "dark") {
      document.documentElement.setAttribute("data-theme", theme);
    }
  } catch (e) {
    // storage refused: the system's scheme stays
  }
})();
