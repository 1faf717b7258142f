import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { ServerOptions } from 'socket.io';

/**
 * socket.io closes a connection without a word when a frame exceeds `maxHttpBufferSize`: that
 * limit is set well above the application's own (`maxUpdateBytes`, base64-encoded), which answers
 * with a FRAME_TOO_LARGE error first. Connection-state recovery stays off: it would skip the
 * authentication middleware.
 */
export class CollabIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly maxUpdateBytes: number,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): unknown {
    return super.createIOServer(port, {
      ...options,
      serveClient: false,
      transports: ['websocket', 'polling'],
      maxHttpBufferSize: Math.ceil((this.maxUpdateBytes * 4) / 3) * 2 + 64 * 1024,
    });
  }
}
