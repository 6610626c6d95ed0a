// Evidence upload straight from the browser to Blob Storage: ask the page for a short-lived write-only URL,
// PUT the file there with a progress bar, then ask the server to inspect it (type by content, size, SHA-256).
// Accepted files become hidden inputs of their claim; refused ones show the server's reason and leave no blob.
(function () {
  'use strict';
  var texts = document.getElementById('upload-texts');
  var english = document.documentElement.lang === 'en';
  if (!texts) { return; }
  var endpoint = texts.getAttribute('data-endpoint');
  var t = function (key) { return texts.getAttribute('data-' + key) || ''; };
  var token = function () {
    var input = document.querySelector('input[name="__RequestVerificationToken"]');
    return input ? input.value : '';
  };

  function post(handler, body) {
    var headers = { 'Content-Type': 'application/json' };
    headers[texts.getAttribute('data-csrf-header') || 'RequestVerificationToken'] = token();
    return fetch(endpoint + '?handler=' + handler, {
      method: 'POST',
      credentials: 'same-origin',
      headers: headers,
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return { accepted: false }; });
    });
  }

  function put(url, file, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open('PUT', url);
      xhr.setRequestHeader('x-ms-blob-type', 'BlockBlob');
      xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) { onProgress(e.loaded / e.total); } };
      xhr.onload = function () { (xhr.status >= 200 && xhr.status < 300) ? resolve() : reject(new Error('HTTP ' + xhr.status)); };
      xhr.onerror = function () { reject(new Error('network')); };
      xhr.send(file);
    });
  }

  function message(result) {
    return english ? (result.messageEn || result.messageZh) : (result.messageZh || result.messageEn);
  }

  function addFile(box, file) {
    var list = box.querySelector('.ev-list');
    var item = document.createElement('li');
    var hidden = document.createElement('input');
    hidden.type = 'hidden';
    hidden.name = box.getAttribute('data-field') || ('Claims[' + box.getAttribute('data-claim') + '].Files');
    hidden.value = (box.getAttribute('data-prefix') || '') + file.fileId + '|' + file.evidenceType + '|' + file.fileName;
    item.appendChild(hidden);
    item.appendChild(document.createTextNode(file.fileName + ' '));
    var remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'link ev-remove';
    remove.textContent = t('remove');
    item.appendChild(remove);
    list.appendChild(item);
  }

  function upload(box, input) {
    var file = input.files && input.files[0];
    if (!file) { return; }
    var bar = box.querySelector('.ev-progress');
    var percent = box.querySelector('.ev-percent');
    var result = box.querySelector('.upload-result');
    var type = box.querySelector('.ev-type').value;
    var show = function (fraction) {
      var value = Math.round(fraction * 100);
      bar.value = value;
      percent.textContent = value + '%';
    };
    show(0);
    result.className = 'upload-result';
    result.textContent = t('uploading');
    input.disabled = true;
    post('Slot', { evidenceType: type, fileName: file.name })
      .then(function (slot) {
        if (!slot.uploadUrl) { throw { refusal: slot }; }
        return put(slot.uploadUrl, file, show).then(function () { return slot; });
      })
      .then(function (slot) {
        show(1);
        result.textContent = t('checking');
        return post('Inspect', { fileId: slot.fileId });
      })
      .then(function (check) {
        if (!check.accepted) { throw { refusal: check }; }
        addFile(box, check);
        result.className = 'upload-result ok';
        result.textContent = t('accepted') + check.fileName;
      })
      .catch(function (error) {
        result.className = 'upload-result refused';
        result.textContent = error && error.refusal ? t('refused') + message(error.refusal) : t('failed');
      })
      .then(function () {
        input.disabled = false;
        input.value = '';
      });
  }

  document.addEventListener('change', function (e) {
    if (e.target.classList && e.target.classList.contains('ev-file')) {
      upload(e.target.closest('.upload'), e.target);
    }
  });
  document.addEventListener('click', function (e) {
    if (e.target.classList && e.target.classList.contains('ev-remove')) {
      e.target.closest('li').remove();
    }
  });
})();
