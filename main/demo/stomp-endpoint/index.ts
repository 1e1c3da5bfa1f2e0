export {
  EmbeddedStompEndpoint,
  type EmbeddedStompEndpointOptions,
  type EndpointStats,
  type InboundSend,
} from './endpoint.ts';
export { SERVER_NAME, type LogLevel } from './connection.ts';
