// LLM Twin web page: streams POST /api/v1/generate (Server-Sent Events over fetch) into the page.
(function () {
  'use strict';
  const KEY_STORAGE = 'llmtwin.apiKey';
  const $ = (id) => document.getElementById(id);
  let running = null;

  function showKeyState() {
    const saved = localStorage.getItem(KEY_STORAGE);
    $('key-status').textContent = saved
      ? 'Key saved in this browser.'
      : 'The key is kept in this browser only (localStorage).';
    $('api-key').value = saved ? saved : '';
  }

  function setStatus(text, isError) {
    $('status').textContent = text;
    $('status').className = isError ? 'error' : '';
  }

  function renderSources(sources) {
    const list = $('sources');
    list.replaceChildren();
    for (const source of sources || []) {
      const item = document.createElement('li');
      item.value = source.n;
      const title = source.title || source.link || 'untitled';
      if (source.link && /^https?:\/\//i.test(source.link)) {
        const a = document.createElement('a');
        a.href = source.link;
        a.textContent = title;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        item.appendChild(a);
      } else {
        item.appendChild(document.createTextNode(title));
      }
      item.appendChild(document.createTextNode(' — ' + [source.platform, source.type].filter(Boolean).join(', ')));
      list.appendChild(item);
    }
  }

  // Splits an SSE byte stream into events: blank-line separated blocks of "field: value" lines.
  function parseEvents(buffer, onEvent) {
    let boundary;
    while ((boundary = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary).replace(/^\r?\n\r?\n/, '');
      let name = 'message';
      const data = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onEvent(name, data.join('\n'));
    }
    return buffer;
  }

  async function problemText(response) {
    try {
      const problem = await response.json();
      return problem.detail || problem.title || ('HTTP ' + response.status);
    } catch (e) {
      return 'HTTP ' + response.status;
    }
  }

  async function generate(event) {
    event.preventDefault();
    const key = localStorage.getItem(KEY_STORAGE) || $('api-key').value.trim();
    if (!key) {
      setStatus('Enter your API key first.', true);
      return;
    }
    const body = {
      prompt: $('prompt').value,
      useRag: $('rag').checked,
      maxTokens: Number($('max-tokens').value) || undefined,
    };
    if ($('platform').value) body.platform = $('platform').value;
    if ($('link').value.trim()) body.link = $('link').value.trim();

    $('output').textContent = '';
    $('stats').textContent = '';
    renderSources([]);
    setStatus('Writing…', false);
    $('generate').disabled = true;
    $('stop').disabled = false;
    running = new AbortController();
    let tokens = 0;
    try {
      const response = await fetch('/api/v1/generate', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', 'X-API-Key': key },
        body: JSON.stringify(body),
        signal: running.signal,
      });
      if (!response.ok) {
        setStatus(await problemText(response), true);
        return;
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer = parseEvents(buffer + decoder.decode(value, { stream: true }), (name, data) => {
          const payload = JSON.parse(data);
          if (name === 'token') {
            tokens++;
            $('output').textContent += payload.text;
            $('output').dataset.tokens = String(tokens);
          } else if (name === 'done') {
            renderSources(payload.sources);
            const t = payload.timings || {};
            $('stats').textContent = (payload.usage ? payload.usage.completionTokens : tokens) +
              ' tokens · first token ' + t.firstTokenMs + ' ms · total ' + t.totalMs + ' ms · model ' +
              (payload.model ? payload.model.name + ' version ' + payload.model.version : '?');
            setStatus('Done.', false);
          } else if (name === 'error') {
            setStatus(payload.detail || 'Generation failed.', true);
          }
        });
      }
    } catch (e) {
      setStatus(e.name === 'AbortError' ? 'Stopped.' : 'Request failed: ' + e.message, e.name !== 'AbortError');
    } finally {
      running = null;
      $('generate').disabled = false;
      $('stop').disabled = true;
    }
  }

  $('save-key').addEventListener('click', () => {
    const key = $('api-key').value.trim();
    if (key) localStorage.setItem(KEY_STORAGE, key);
    showKeyState();
  });
  $('forget-key').addEventListener('click', () => {
    localStorage.removeItem(KEY_STORAGE);
    showKeyState();
  });
  $('stop').addEventListener('click', () => running && running.abort());
  $('generate-form').addEventListener('submit', generate);
  showKeyState();
})();
