// Varde video consultations (WebRTC, a mesh of at most five browsers). The page gives a seat ticket; "Bli med" asks for
// camera and microphone, takes the seat through Varde's signalling hub (SignalR) and waits until the host admits it.
// Then this browser connects to everyone in the call: the one let in offers to those already in. Media goes browser to
// browser (or through the TURN server the page names); Varde relays only the offers, answers and candidates, and keeps
// nothing of the call but who took part and when.
(() => {
  'use strict';
  const root = document.querySelector('[data-video]');
  if (!root || !window.signalR) return;
  const texts = JSON.parse(document.getElementById('video-texts')?.textContent || '{}');
  const t = key => texts[key] || key;
  const ice = JSON.parse(root.dataset.ice || '[]');
  const status = root.querySelector('[data-video-status]');
  const grid = root.querySelector('[data-video-grid]');
  const controls = root.querySelector('[data-video-controls]');
  const waitingBox = root.querySelector('[data-video-waiting]');
  const start = root.querySelector('[data-video-start]');
  const peers = new Map();
  const roles = new Map();
  let local = null;
  let connection = null;

  const say = text => { status.textContent = text; };
  const label = role => t('Role.' + role);

  const tile = (seatId, role, stream, mine) => {
    const figure = document.createElement('figure');
    figure.className = 'video-tile' + (mine ? ' mine' : '');
    figure.dataset.seat = seatId;
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    video.muted = mine;
    video.srcObject = stream;
    const caption = document.createElement('figcaption');
    caption.textContent = mine ? t('You') : label(role);
    figure.append(video, caption);
    grid.append(figure);
    return figure;
  };

  const send = (to, message) => connection.invoke('Signal', to, JSON.stringify(message)).catch(() => {});

  const peerFor = seatId => {
    let peer = peers.get(seatId);
    if (peer) return peer;
    const pc = new RTCPeerConnection({ iceServers: ice });
    const remote = new MediaStream();
    peer = { pc, remote, early: [], tile: tile(seatId, roles.get(seatId) || 'Unknown', remote, false) };
    local.getTracks().forEach(track => pc.addTrack(track, local));
    pc.ontrack = event => remote.addTrack(event.track);
    pc.onicecandidate = event => { if (event.candidate) send(seatId, { candidate: event.candidate }); };
    peers.set(seatId, peer);
    return peer;
  };

  const drop = seatId => {
    const peer = peers.get(seatId);
    if (!peer) return;
    peer.pc.close();
    peer.tile.remove();
    peers.delete(seatId);
  };

  const offerTo = async seatId => {
    const peer = peerFor(seatId);
    await peer.pc.setLocalDescription(await peer.pc.createOffer());
    await send(seatId, { sdp: peer.pc.localDescription });
  };

  const onSignal = async (from, data) => {
    const message = JSON.parse(data);
    const peer = peerFor(from);
    if (message.sdp) {
      await peer.pc.setRemoteDescription(message.sdp);
      for (const candidate of peer.early.splice(0)) await peer.pc.addIceCandidate(candidate).catch(() => {});
      if (message.sdp.type === 'offer') {
        await peer.pc.setLocalDescription(await peer.pc.createAnswer());
        await send(from, { sdp: peer.pc.localDescription });
      }
    } else if (message.candidate) {
      if (peer.pc.remoteDescription) await peer.pc.addIceCandidate(message.candidate).catch(() => {});
      else peer.early.push(message.candidate);
    }
  };

  const showWaiting = waiting => {
    if (!waitingBox) return;
    const list = waitingBox.querySelector('ul');
    list.replaceChildren(...waiting.map(w => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = t('Admit');
      button.setAttribute('aria-label', t('AdmitLabel').replace('{0}', label(w.role)));
      button.addEventListener('click', () => { button.disabled = true; connection.invoke('Admit', w.seatId); });
      item.append(document.createTextNode(label(w.role) + ' '), button);
      return item;
    }));
    waitingBox.querySelector('[data-video-none]').hidden = waiting.length > 0;
  };

  const stop = text => {
    [...peers.keys()].forEach(drop);
    local?.getTracks().forEach(track => track.stop());
    grid.replaceChildren();
    controls.hidden = true;
    if (waitingBox) waitingBox.hidden = true;
    connection?.stop();
    say(text);
  };

  const toggle = (button, tracks, onText, offText) => button.addEventListener('click', () => {
    const on = button.getAttribute('aria-pressed') !== 'true';
    tracks().forEach(track => { track.enabled = !on; });
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
    button.textContent = on ? onText : offText;
  });

  start.addEventListener('click', async () => {
    start.disabled = true;
    say(t('Starting'));
    try {
      local = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 360 } });
    } catch {
      start.disabled = false;
      say(t('NoCamera'));
      return;
    }
    tile('me', root.dataset.role, local, true);
    connection = new signalR.HubConnectionBuilder().withUrl(root.dataset.hub).withAutomaticReconnect().build();
    connection.on('waiting', showWaiting);
    connection.on('peerJoined', peer => { roles.set(peer.seatId, peer.role); say(t('InCall')); });
    connection.on('admitted', async others => {
      [...peers.keys()].forEach(drop);
      others.forEach(o => roles.set(o.seatId, o.role));
      say(others.length ? t('InCall') : t('AloneInCall'));
      controls.hidden = false;
      for (const other of others) await offerTo(other.seatId);
    });
    connection.on('signal', (from, data) => onSignal(from, data).catch(() => {}));
    connection.on('peerLeft', seatId => { drop(seatId); if (!controls.hidden && peers.size === 0) say(t('AloneInCall')); });
    connection.on('ended', () => stop(t('Ended')));
    connection.on('replaced', () => stop(t('Replaced')));
    connection.onreconnected(() => connection.invoke('Join', root.dataset.ticket).catch(() => stop(t('Ended'))));
    try {
      await connection.start();
      const joined = await connection.invoke('Join', root.dataset.ticket);
      start.hidden = true;
      if (waitingBox) waitingBox.hidden = false;
      if (!joined.admitted) say(t('Waiting'));
    } catch {
      stop(t('CouldNotJoin'));
      start.disabled = false;
    }
  });

  toggle(root.querySelector('[data-video-mic]'), () => local?.getAudioTracks() || [], t('MicOn'), t('MicOff'));
  toggle(root.querySelector('[data-video-cam]'), () => local?.getVideoTracks() || [], t('CamOn'), t('CamOff'));
  root.querySelector('[data-video-leave]').addEventListener('click', async () => {
    await connection?.invoke('Leave').catch(() => {});
    stop(t('Left'));
  });
  root.querySelector('[data-video-end]')?.addEventListener('click', () => connection?.invoke('End').catch(() => {}));

  // For checks (and the browser tests): frames decoded from each other seat's video.
  window.vardeVideo = {
    async framesDecoded() {
      const result = {};
      for (const [seatId, peer] of peers) {
        const stats = await peer.pc.getStats();
        stats.forEach(s => { if (s.type === 'inbound-rtp' && s.kind === 'video') result[seatId] = s.framesDecoded || 0; });
        if (!(seatId in result)) result[seatId] = 0;
      }
      return result;
    },
    roles: () => Object.fromEntries(roles),
  };
})();
