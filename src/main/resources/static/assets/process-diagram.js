// A deployed process version's diagram, drawn by the vendored bpmn-js navigated viewer (global BpmnJS)
// from the XML the page carries (read by the server through the Camunda client).
const container = document.getElementById('diagram');
const xml = JSON.parse(document.getElementById('diagram-xml').textContent);

async function draw() {
  const viewer = new BpmnJS({ container });
  try {
    await viewer.importXML(xml);
    viewer.get('canvas').zoom('fit-viewport');
    document.body.dataset.ready = 'true';
  } catch (e) {
    const error = document.getElementById('diagram-error');
    error.hidden = false;
    error.textContent += ' ' + e.message;
    document.body.dataset.ready = 'error';
  }
}

draw();
