// The memo page: its print button (the page's print CSS lays it out on A4).
document.getElementById('memo-print')?.addEventListener('click', () => window.print());
