/** How a canvas fits its nodes into view: never magnified past 100 %, where a few nodes would fill it. */
export const fitOptions = { padding: 0.2, maxZoom: 1 };
