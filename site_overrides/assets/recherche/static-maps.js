/* Venue, structure and commune pages: their places on a map (the addresses are in the page already). */
import { staticMaps } from "./map.js";

staticMaps();
