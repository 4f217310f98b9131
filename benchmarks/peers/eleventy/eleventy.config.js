// Minimal Eleventy 3 site for the clinicsite benchmark: src/ is written by benchmarks/run.py.
// Markdown goes through markdown-it (Eleventy's default) plus markdown-it-footnote when it is
// installed; Markdown files are not pre-processed by a template engine, so the work is
// Markdown -> HTML and one Nunjucks layout per page.
module.exports = function (eleventyConfig) {
  try {
    const footnote = require("markdown-it-footnote");
    eleventyConfig.amendLibrary("md", (md) => md.use(footnote));
  } catch {
    console.warn("markdown-it-footnote is not installed: footnotes stay as plain text");
  }
  eleventyConfig.addGlobalData("layout", "page.njk");
  return {
    dir: { input: "src", includes: "../_includes", output: "_site" },
    markdownTemplateEngine: false,
    htmlTemplateEngine: "njk",
  };
};
