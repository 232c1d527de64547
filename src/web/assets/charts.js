// Progressive enhancement: draws each chart from the JSON beside it (the same figures as the
// table that follows it), with chart.js served from this server. With scripts off, or if
// chart.js fails to load, the figure stays hidden and the table is all there is.
'use strict';

document.addEventListener('DOMContentLoaded', function () {
  if (typeof window.Chart !== 'function') return;
  // Colour-blind-safe, distinguishable in greyscale print too, each with its own pattern of dashes.
  var palette = ['#1d4f91', '#c35a00', '#2e7d32', '#6a1b9a', '#9e1b1b', '#00695c', '#4a4a4a', '#8d6e00'];
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute('data-chart'));
    if (!source) return;
    var spec = JSON.parse(source.textContent || '{}');
    if (!spec.labels || spec.labels.length === 0 || !spec.datasets || spec.datasets.length === 0) return;
    var datasets = spec.datasets.map(function (d, i) {
      var colour = palette[i % palette.length];
      return { label: d.label, data: d.data, backgroundColor: colour, borderColor: colour, borderWidth: 1 };
    });
    var figure = canvas.closest('figure');
    if (figure) figure.hidden = false;
    new window.Chart(canvas, {
      type: spec.type || 'bar',
      data: { labels: spec.labels, datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          y: { beginAtZero: true, max: spec.yMax, title: { display: Boolean(spec.yTitle), text: spec.yTitle || '' }, ticks: { precision: 0 } },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    });
  });
});
