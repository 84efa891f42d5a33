/**
 * Socket.IO's parser with two guards at the point a frame is decoded, before any middleware or
 * handler sees it: every payload is checked against the input bounds (without recursion), and
 * binary attachments, which Vigie never uses, are refused without being reassembled (socket.io's
 * reconstruction walks the payload recursively). A refused request still reaches the dispatcher,
 * carrying a RefusedInput in place of its payload, so its client gets an `invalid_payload` reply
 * naming the limit and its connection stays open.
 */
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import { inputBoundsViolation } from './inputBounds.ts';

/** Stands for a payload refused while decoding; JSON cannot produce one, so a client cannot forge it. */
export class RefusedInput {
  constructor(readonly message: string) {}
}

/** `5<n>-…` or `6<n>-…`: a binary event or acknowledgement announcing n attachments. */
const binaryHeader = /^([56])(\d{1,16})-/;

/** socket.io-parser's decoding of one text packet: present at run time, private in its types. */
type DecodeString = (text: string) => Packet;

/**
 * Decodes text packets itself (the parser's own `decodeString`, then the bounds) rather than through
 * an inner decoder: one decoder per connection, not two.
 */
class BoundedDecoder extends Decoder {
  /** Attachments still to come for a refused binary packet: dropped one by one as they arrive. */
  private skipping = 0;

  override add(chunk: unknown): void {
    if (typeof chunk !== 'string') {
      if (this.skipping === 0) throw new Error('got binary data when not reconstructing a packet');
      this.skipping -= 1;
      return;
    }
    if (this.skipping > 0) throw new Error('got plaintext data when binary attachments were announced');
    const binary = binaryHeader.exec(chunk);
    if (!binary || Number(binary[2]) < 1) {
      // Throws on a malformed packet (including a binary one announcing no attachment), as the parser does.
      this.emitReserved('decoded', bounded(this.decode(chunk)));
      return;
    }
    this.skipping = Number(binary[2]);
    // An acknowledgement: the server never asks clients for one; nothing to answer.
    if (binary[1] === '6') return;
    // Decoded as a plain event, then its payload replaced: the placeholders are never resolved.
    const packet = this.decode(`${PacketType.EVENT}${chunk.slice(binary[0].length)}`);
    const [event] = packet.data as unknown[];
    packet.data = [event, new RefusedInput('binary attachments are not accepted')];
    this.emitReserved('decoded', packet);
  }

  override destroy(): void {
    this.skipping = 0;
  }

  private decode(text: string): Packet {
    return (this as unknown as { decodeString: DecodeString }).decodeString(text);
  }
}

/** The packet, or the same packet with a RefusedInput in place of a payload that exceeds the bounds. */
function bounded(packet: Packet): Packet {
  if (packet.type === PacketType.EVENT) {
    const data = packet.data as unknown[];
    const refusal = inputBoundsViolation(data);
    if (refusal) packet.data = [data[0], new RefusedInput(refusal)];
  } else if (packet.type === PacketType.CONNECT) {
    // The handshake's `auth`: the handshake schema refuses a RefusedInput like any malformed one.
    const refusal = packet.data === undefined ? null : inputBoundsViolation([packet.data]);
    if (refusal) packet.data = new RefusedInput(refusal);
  } else if (packet.type === PacketType.ACK) {
    if (inputBoundsViolation(packet.data as unknown[])) packet.data = [];
  }
  return packet;
}

/** The `parser` option of the Socket.IO server. */
export const boundedParser = { Encoder, Decoder: BoundedDecoder };
