// The proof page's check, in the browser: fetch the proof of one item the public site shows and the
// ledger's published key, and run the ledger's own dependency-free verifier module on them. A file
// of its own (the CSP allows scripts from this site only, never inline).

const box = document.getElementById('proof-result');

function say(text, ok) {
  box.textContent = '';
  const p = document.createElement('p');
  p.className = `govuk-body ps-proof__answer ps-proof__answer--${ok ? 'ok' : 'failed'}`;
  p.textContent = `${ok ? '✓' : '✗'} ${text}`;
  box.appendChild(p);
}

async function check() {
  box.textContent = box.dataset.checking;
  const [{ verifyEvent }, proof, key] = await Promise.all([
    import(box.dataset.verifier),
    fetch(box.dataset.proof, { headers: { accept: 'application/json' } }).then((r) => r.json()),
    fetch(box.dataset.key, { headers: { accept: 'application/json' } }).then((r) => r.json()),
  ]);
  if (!proof.treeHead) return say(box.dataset.notSigned, false);
  const answer = await verifyEvent({ treeHead: proof.treeHead, publicKey: key.raw, origin: key.origin, event: proof.leaf, proof: { proof: proof.proof, position: proof.position, size: proof.size } });
  if (answer.ok) say(box.dataset.ok.replace('{position}', String(answer.position)).replace('{size}', String(answer.size)), true);
  else say(box.dataset.failed.replace('{reason}', answer.reason), false);
}

check().catch((error) => say(box.dataset.failed.replace('{reason}', error.message), false));
